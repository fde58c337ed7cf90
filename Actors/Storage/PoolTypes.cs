namespace IncusOs.Actors.Storage;

/// <summary>The pool layouts of the API and how each maps to <c>zpool</c> words.</summary>
public static class PoolTypes
{
    public const string Raid0 = "zfs-raid0";
    public const string Raid1 = "zfs-raid1";
    public const string Raid10 = "zfs-raid10";
    public const string Raidz1 = "zfs-raidz1";
    public const string Raidz2 = "zfs-raidz2";
    public const string Raidz3 = "zfs-raidz3";

    public static readonly IReadOnlyList<string> All = [Raid0, Raid1, Raid10, Raidz1, Raidz2, Raidz3];

    /// <summary>
    /// The <c>zpool create</c> arguments after the pool name: the vdev specification, then
    /// <c>cache</c> and <c>log</c> devices. RAID10 is always two mirrors split at half the list.
    /// </summary>
    public static IReadOnlyList<string> CreateLayout(
        string type, IReadOnlyList<string> devices, IReadOnlyList<string> cache, IReadOnlyList<string> log)
    {
        var args = new List<string>();
        switch (type)
        {
            case Raid0:
                args.AddRange(devices);
                break;
            case Raid1:
                args.Add("mirror");
                args.AddRange(devices);
                break;
            case Raid10:
                var half = devices.Count / 2;
                args.Add("mirror");
                args.AddRange(devices.Take(half));
                args.Add("mirror");
                args.AddRange(devices.Skip(half));
                break;
            case Raidz1 or Raidz2 or Raidz3:
                args.Add("raidz" + type[^1]);
                args.AddRange(devices);
                break;
            default:
                throw new StorageRefusal($"unsupported pool type {type}");
        }

        if (cache.Count > 0)
        {
            args.Add("cache");
            args.AddRange(cache);
        }

        if (log.Count > 0)
        {
            args.Add("log");
            args.AddRange(log);
        }

        return args;
    }

    /// <summary>
    /// The word an update uses for the data devices of a pool of the requested type: none for RAID0,
    /// <c>mirror</c> for RAID1/RAID10, the first RAIDZ vdev's name for RAIDZ.
    /// </summary>
    public static string UpdateKeyword(string type) => type switch
    {
        Raid0 => string.Empty,
        Raid1 or Raid10 => "mirror",
        Raidz1 or Raidz2 or Raidz3 => $"raidz{type[^1]}-0",
        _ => throw new StorageRefusal($"unsupported pool type {type}"),
    };
}
