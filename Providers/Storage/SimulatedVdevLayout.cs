namespace IncusOs.Providers.Storage;

/// <summary>
/// One group of a <c>zpool create</c> / <c>zpool add</c> vdev specification: its class (data, log,
/// cache), its type (<c>disk</c>, <c>mirror</c>, <c>raidz1</c>..<c>raidz3</c>) and its devices.
/// </summary>
public sealed record SimulatedVdevLayout(string Class, string Type, IReadOnlyList<string> Devices)
{
    public const string Data = "data";
    public const string Log = "log";
    public const string Cache = "cache";

    /// <summary>Splits a vdev specification as zpool reads it; throws the message zpool prints.</summary>
    public static IReadOnlyList<SimulatedVdevLayout> Parse(IReadOnlyList<string> args)
    {
        var groups = new List<SimulatedVdevLayout>();
        var cls = Data;
        var i = 0;
        while (i < args.Count)
        {
            var token = args[i];
            if (token is Log or Cache)
            {
                cls = token;
                i++;
                continue;
            }

            if (GroupType(token) is { } type)
            {
                var devices = new List<string>();
                i++;
                while (i < args.Count && args[i] is not (Log or Cache) && GroupType(args[i]) is null)
                {
                    devices.Add(args[i]);
                    i++;
                }

                var minimum = type == SimulatedVdev.Mirror ? 2 : type[^1] - '0' + 1;
                if (devices.Count < minimum)
                {
                    throw new ProviderException(
                        $"invalid vdev specification: {token} requires at least {minimum} devices");
                }

                if (cls == Cache)
                {
                    throw new ProviderException("invalid vdev specification: cache devices cannot be grouped");
                }

                groups.Add(new SimulatedVdevLayout(cls, type, devices));
                continue;
            }

            groups.Add(new SimulatedVdevLayout(cls, SimulatedVdev.Disk, [token]));
            i++;
        }

        if (groups.Count == 0)
        {
            throw new ProviderException("invalid vdev specification: at least one toplevel vdev must be specified");
        }

        return groups;
    }

    private static string? GroupType(string token) => token switch
    {
        "mirror" => SimulatedVdev.Mirror,
        "raidz" or "raidz1" => "raidz1",
        "raidz2" => "raidz2",
        "raidz3" => "raidz3",
        _ => null,
    };
}
