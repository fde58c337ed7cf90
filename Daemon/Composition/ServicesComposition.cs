using IncusOs.Actors.Applications;
using IncusOs.Actors.Services;
using IncusOs.Actors.Supervision;
using IncusOs.Providers.DBus;
using IncusOs.Providers.Process;
using IncusOs.Providers.Services;
using IncusOs.Providers.Simulation;
using IncusOs.Providers.Systemd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncusOs.Daemon.Composition;

/// <summary>
/// The services and applications areas: systemd units (shared with other areas), the service tools,
/// Incus initialisation, and the <see cref="ServicesActor"/> and <see cref="ApplicationsActor"/>.
/// </summary>
public static class ServicesComposition
{
    public static IServiceCollection AddServicesArea(this IServiceCollection services, DaemonOptions options)
    {
        if (options.Simulate)
        {
            services.TryAddSingleton<ISystemdUnits>(
                sp => new SimulatedSystemdUnits(sp.GetRequiredService<SimulatedMachine>()));
            services.AddSingleton(
                sp => new ServiceTools(new SimulatedServiceTools(sp.GetRequiredService<SimulatedMachine>())));
            services.AddSingleton<IIncusDefaults>(
                sp => new SimulatedIncusDefaults(sp.GetRequiredService<SimulatedMachine>()));
        }
        else
        {
            services.TryAddSingleton<ISystemdUnits>(sp => new HostSystemdUnits(sp.GetRequiredService<SystemBus>()));
            services.AddSingleton(sp => new ServiceTools(sp.GetRequiredService<IProcessRunner>()));
            services.AddSingleton<IIncusDefaults>(
                new HostIncusDefaults(HostIncusDefaults.DefaultSocket, Path.Combine(options.StateDirectory, "seeds")));
        }

        services.AddSingleton(sp => new ServicesOptions
        {
            StateFile = Path.Combine(options.StateDirectory, "services.json"),
            Root = options.Simulate ? sp.GetRequiredService<SimulatedMachine>().PathOf("root") : "/",
        });
        services.AddSingleton(new ApplicationsOptions
        {
            StateFile = Path.Combine(options.StateDirectory, "applications.json"),
        });
        services.AddSingleton<IncusApplicationHooks>();
        services.AddSingleton<IApplicationHookSet, ApplicationHookSet>();
        services.AddSingleton(AreaActorSpec.For<ServicesActor>("services"));
        services.AddSingleton(AreaActorSpec.For<ApplicationsActor>("applications"));

        return services;
    }
}
