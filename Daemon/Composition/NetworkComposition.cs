using IncusOs.Actors.Network;
using IncusOs.Actors.Supervision;
using IncusOs.Providers.Network;
using Microsoft.Extensions.DependencyInjection;

namespace IncusOs.Daemon.Composition;

/// <summary>
/// The network area: systemd-networkd, hostnamed and systemd over D-Bus on a host, the simulated
/// machine's NICs with <c>--simulate</c> (no connectivity check there), and the <see cref="NetworkActor"/>.
/// </summary>
public static class NetworkComposition
{
    public static IServiceCollection AddNetwork(this IServiceCollection services, DaemonOptions options)
    {
        services.AddSingleton(new NetworkSettings(Path.Combine(options.StateDirectory, "network.json")));
        if (options.Simulate)
        {
            services.AddSingleton<SimulatedNetwork>();
            services.AddSingleton<INetworkApplier>(sp => sp.GetRequiredService<SimulatedNetwork>());
            services.AddSingleton<INetworkStateReader>(sp => sp.GetRequiredService<SimulatedNetwork>());
            services.AddSingleton<IHostIdentity>(sp => sp.GetRequiredService<SimulatedNetwork>());
            services.AddSingleton<INicInventory>(sp => sp.GetRequiredService<SimulatedNetwork>());
        }
        else
        {
            services.AddSingleton(new NetworkOptions());
            services.AddSingleton<NetworkCommands>();
            services.AddSingleton<INetworkdControl, DBusNetworkdControl>();
            services.AddSingleton<HostNetworkStateReader>();
            services.AddSingleton<INetworkStateReader>(sp => sp.GetRequiredService<HostNetworkStateReader>());
            services.AddSingleton<INetworkApplier, HostNetworkApplier>();
            services.AddSingleton<IHostIdentity>(new HostIdentity(ReadOsName()));
            services.AddSingleton<INicInventory, HostNicInventory>();
        }

        services.AddSingleton(AreaActorSpec.For<NetworkActor>("network"));

        return services;
    }

    /// <summary>The last fallback of the preferred host name: NAME from <c>/lib/os-release</c>.</summary>
    private static string ReadOsName()
    {
        const string osRelease = "/lib/os-release";
        var line = File.Exists(osRelease)
            ? File.ReadLines(osRelease).FirstOrDefault(l => l.StartsWith("NAME=", StringComparison.Ordinal))
            : null;

        return line is null ? "IncusOS" : line["NAME=".Length..].Trim().Trim('"');
    }
}
