using IncusOs.Actors.Common;
using IncusOs.Providers.DBus;
using IncusOs.Providers.Process;
using IncusOs.Providers.Simulation;
using Microsoft.Extensions.DependencyInjection;

namespace IncusOs.Daemon.Composition;

/// <summary>
/// Composes, once at start, one implementation of every provider: the host's or the simulated
/// machine's. Each area adds itself with one line here.
/// </summary>
public static class Platform
{
    public static IServiceCollection AddPlatform(this IServiceCollection services, DaemonOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IProcessRunner, ProcessRunner>();
        if (options.Simulate)
        {
            services.AddSingleton(SimulatedMachine.OpenOrCreate(options.StateDirectory));
        }
        else
        {
            services.AddSingleton(new SystemBus(options.SystemBusAddress));
        }

        services.AddSystem(options);
        services.AddResources(options);
        services.AddDebug(options);
        services.AddSecurity(options);
        services.AddUpdate(options);
        services.AddServicesArea(options);
        services.AddNetwork(options);
        services.AddStorage(options);

        return services;
    }
}
