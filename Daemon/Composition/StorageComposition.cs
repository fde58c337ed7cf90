using IncusOs.Actors.Storage;
using IncusOs.Actors.Supervision;
using IncusOs.Providers.Process;
using IncusOs.Providers.Simulation;
using IncusOs.Providers.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IncusOs.Daemon.Composition;

/// <summary>
/// The storage area: disks, ZFS pools, wipes and pool key files (host tools or the simulated
/// machine's drives and <c>zfs.json</c>), and the <see cref="StorageActor"/>.
/// </summary>
public static class StorageComposition
{
    /// <summary>
    /// The simulated machine's <c>/var/lib/incus-os</c>, where its pool key files live (and where the
    /// security area reads them for <c>pool_recovery_keys</c>).
    /// </summary>
    public const string SimulatedKeyDirectory = "var/lib/incus-os";

    public static IServiceCollection AddStorage(this IServiceCollection services, DaemonOptions options)
    {
        if (options.Simulate)
        {
            services.AddSingleton<IPoolKeyStore>(sp => new PoolKeyFiles(
                sp.GetRequiredService<SimulatedMachine>().PathOf(SimulatedKeyDirectory)));
            services.AddSingleton(sp => new SimulatedStorage(sp.GetRequiredService<SimulatedMachine>()));
            services.AddSingleton<IBlockDevices, SimulatedBlockDevices>();
            services.AddSingleton<IZpools, SimulatedZpools>();
            services.AddSingleton<IDriveWiper, SimulatedDriveWiper>();
        }
        else
        {
            services.AddSingleton<IPoolKeyStore>(new PoolKeyFiles(PoolKeyFiles.HostDirectory));
            services.AddSingleton(new HostStorageOptions());
            services.AddSingleton<IBlockDevices>(sp => new HostBlockDevices(
                sp.GetRequiredService<IProcessRunner>(), sp.GetRequiredService<HostStorageOptions>()));
            services.AddSingleton<IZpools, HostZpools>();
            services.AddSingleton<IDriveWiper, HostDriveWiper>();
        }

        services.AddSingleton(new StorageSettings(Path.Combine(options.StateDirectory, "storage.json")));
        services.AddSingleton(AreaActorSpec.For<StorageActor>("storage"));

        return services;
    }
}
