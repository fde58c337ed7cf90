using IncusOs.Actors.Supervision;
using IncusOs.Actors.Update;
using IncusOs.Providers.Process;
using IncusOs.Providers.Simulation;
using IncusOs.Providers.Update;
using Microsoft.Extensions.DependencyInjection;

namespace IncusOs.Daemon.Composition;

/// <summary>
/// The update area: the install target (host or simulated machine), the sources, the downloader and the
/// <see cref="UpdateActor"/>. In simulation the default source is <c>local</c> on <c>STATE/updates</c>.
/// </summary>
public static class UpdateComposition
{
    public static IServiceCollection AddUpdate(this IServiceCollection services, DaemonOptions options)
    {
        var http = new UpdateHttpOptions();
        services.AddSingleton(new UpdateDownloader(http.ReadIdleTimeout));
        services.AddSingleton(new UpdateActorSettings
        {
            StateFile = Path.Combine(options.StateDirectory, "update.json"),
        });
        if (options.Simulate)
        {
            services.AddSingleton<IUpdateTarget>(
                sp => new SimulatedUpdateTarget(sp.GetRequiredService<SimulatedMachine>()));
            services.AddSingleton(new UpdateSourceSettings
            {
                DefaultProvider = "local",
                LocalDirectory = Path.Combine(options.StateDirectory, "updates"),
                Http = http,
            });
        }
        else
        {
            services.AddSingleton<IUpdateTarget>(sp => new HostUpdateTarget(sp.GetRequiredService<IProcessRunner>()));
            services.AddSingleton(new UpdateSourceSettings { Http = http });
        }

        services.AddSingleton<IUpdateSourceFactory, UpdateSourceFactory>();
        services.AddSingleton(AreaActorSpec.For<UpdateActor>("update"));

        return services;
    }
}
