using IncusOs.Actors.Resources;
using IncusOs.Actors.Supervision;
using IncusOs.Providers.Resources;
using Microsoft.Extensions.DependencyInjection;

namespace IncusOs.Daemon.Composition;

/// <summary>The resources area: the host collector (or the simulated machine's document) and its cache actor.</summary>
public static class ResourcesComposition
{
    public static IServiceCollection AddResources(this IServiceCollection services, DaemonOptions options)
    {
        if (options.Simulate)
        {
            services.AddSingleton<IResourcesProvider, SimulatedResourcesProvider>();
        }
        else
        {
            services.AddSingleton<IHostProbes, HostProbes>();
            services.AddSingleton<IEthtool, HostEthtool>();
            services.AddSingleton(ResourcesPaths.Default);
            services.AddSingleton<IResourcesProvider, HostResourcesProvider>();
        }

        services.AddSingleton(AreaActorSpec.For<ResourcesActor>("resources"));

        return services;
    }
}
