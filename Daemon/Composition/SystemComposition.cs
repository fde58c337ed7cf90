using IncusOs.Actors.Machine;
using IncusOs.Actors.Supervision;
using IncusOs.Providers.Machine;
using Microsoft.Extensions.DependencyInjection;

namespace IncusOs.Daemon.Composition;

/// <summary>The system area: OS identity, power control and the <see cref="SystemActor"/>.</summary>
public static class SystemComposition
{
    public static IServiceCollection AddSystem(this IServiceCollection services, DaemonOptions options)
    {
        services.AddSingleton<IProcessLifetime, ProcessLifetime>();
        if (options.Simulate)
        {
            services.AddSingleton<IOsIdentitySource, SimulatedOsIdentitySource>();
            services.AddSingleton<IPowerControl, SimulatedPowerControl>();
        }
        else
        {
            services.AddSingleton<IOsIdentitySource>(new HostOsIdentitySource());
            services.AddSingleton<IPowerControl, HostPowerControl>();
        }

        services.AddSingleton(AreaActorSpec.For<SystemActor>("system"));

        return services;
    }
}
