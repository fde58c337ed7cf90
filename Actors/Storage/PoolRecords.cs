using IncusOs.Providers.Storage;

namespace IncusOs.Actors.Storage;

/// <summary>
/// Turns a pool of <c>zpool status -j</c> into the API's pool record. The type is read from the
/// top-level vdev names (<c>mirror-0</c> alone is RAID1, any of <c>mirror-1</c>..<c>mirror-5</c>
/// makes it RAID10), so a mirror that later got a second mirror vdev reports RAID10.
/// </summary>
public static class PoolRecords
{
    public const string ByIdDirectory = "/dev/disk/by-id/";
    public const string LocalDataLabel = "/dev/disk/by-partlabel/local-data";

    private const string Online = "ONLINE";

    /// <summary>The record with by-id (or by-partlabel) paths, before they are resolved.</summary>
    public static SystemStoragePool Derive(ZpoolInfo pool)
    {
        var type = string.Empty;
        var devices = new List<string>();
        var degraded = new List<string>();
        foreach (var top in pool.Vdevs)
        {
            if (top.VdevType == "disk")
            {
                type = PoolTypes.Raid0;
                var path = top.Name == "local-data" ? LocalDataLabel : ByIdDirectory + top.Name;
                (top.State == Online ? devices : degraded).Add(path);
                continue;
            }

            type = top.Name switch
            {
                "mirror-0" => type.Length == 0 ? PoolTypes.Raid1 : type,
                "mirror-1" or "mirror-2" or "mirror-3" or "mirror-4" or "mirror-5" => PoolTypes.Raid10,
                "raidz1-0" => PoolTypes.Raidz1,
                "raidz2-0" => PoolTypes.Raidz2,
                "raidz3-0" => PoolTypes.Raidz3,
                _ => throw new StorageRefusal($"unable to determine pool type for {pool.Name}"),
            };

            // Interior vdevs under a top-level (replacing-N, spare-N) are looked through to their leaves.
            foreach (var leaf in top.Children.SelectMany(child => child.Leaves()))
            {
                (leaf.State == Online ? devices : degraded).Add(ByIdDirectory + leaf.Name);
            }
        }

        var (log, logDegraded) = Split(pool.Logs);
        var (cache, cacheDegraded) = Split(pool.Cache);

        return new SystemStoragePool
        {
            Name = pool.Name,
            Type = type,
            Devices = devices,
            DevicesDegraded = degraded,
            Log = log,
            LogDegraded = logDegraded,
            Cache = cache,
            CacheDegraded = cacheDegraded,
            State = pool.State,
        };
    }

    /// <summary>Every path resolved to the kernel device it links to, each list sorted.</summary>
    public static SystemStoragePool Resolve(SystemStoragePool pool, Func<string, string> resolve)
    {
        IReadOnlyList<string> Map(IReadOnlyList<string>? list) =>
            (list ?? []).Select(resolve).Order(StringComparer.Ordinal).ToList();

        return pool with
        {
            Devices = Map(pool.Devices),
            DevicesDegraded = Map(pool.DevicesDegraded),
            Log = Map(pool.Log),
            LogDegraded = Map(pool.LogDegraded),
            Cache = Map(pool.Cache),
            CacheDegraded = Map(pool.CacheDegraded),
        };
    }

    private static (List<string> Healthy, List<string> Degraded) Split(IReadOnlyList<ZpoolVdev> section)
    {
        var healthy = new List<string>();
        var degraded = new List<string>();
        foreach (var leaf in section.SelectMany(vdev => vdev.Leaves()))
        {
            (leaf.State == Online ? healthy : degraded).Add(ByIdDirectory + leaf.Name);
        }

        return (healthy, degraded);
    }
}
