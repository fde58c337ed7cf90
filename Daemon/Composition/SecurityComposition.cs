using IncusOs.Actors.Security;
using IncusOs.Actors.Supervision;
using IncusOs.Providers.Process;
using IncusOs.Providers.Security;
using IncusOs.Providers.Simulation;
using Microsoft.Extensions.DependencyInjection;

namespace IncusOs.Daemon.Composition;

/// <summary>
/// The security area: Secure Boot, TPM, LUKS volumes and pool keys from the host or the simulated
/// machine, and the <see cref="SecurityActor"/>.
/// </summary>
public static class SecurityComposition
{
    /// <summary>The actor's state file (recovery keys, 0600) in the state directory.</summary>
    public const string StateFile = "security.json";

    public static IServiceCollection AddSecurity(this IServiceCollection services, DaemonOptions options)
    {
        services.AddSingleton(new SecurityActorSettings(Path.Combine(options.StateDirectory, StateFile)));
        if (options.Simulate)
        {
            services.AddSingleton(sp => new SimulatedSecurityMachine(sp.GetRequiredService<SimulatedMachine>()));
            services.AddSingleton<ISecureBoot>(sp => sp.GetRequiredService<SimulatedSecurityMachine>());
            services.AddSingleton<ITpm>(sp => sp.GetRequiredService<SimulatedSecurityMachine>());
            services.AddSingleton<IEncryptedVolumes>(sp => sp.GetRequiredService<SimulatedSecurityMachine>());
        }
        else
        {
            var paths = new HostSecurityPaths();
            services.AddSingleton<ISecureBoot>(new HostSecureBoot(paths));
            services.AddSingleton<ITpm>(new HostTpm(paths));
            services.AddSingleton<IEncryptedVolumes>(sp =>
                new HostEncryptedVolumes(sp.GetRequiredService<IProcessRunner>(), new LuksOptions()));
        }

        // The storage area keeps zpool.<pool>.key in the state directory, on a host (/var/lib/incus-os) and
        // in simulation alike.
        services.AddSingleton<IPoolKeySource>(new PoolKeyDirectory(options.StateDirectory));
        services.AddSingleton(AreaActorSpec.For<SecurityActor>("security"));

        return services;
    }
}
