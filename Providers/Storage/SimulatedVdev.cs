using Newtonsoft.Json;

namespace IncusOs.Providers.Storage;

/// <summary>
/// A simulated vdev: a group (<c>mirror</c>, <c>raidz1</c>..<c>raidz3</c>) with its top-level id
/// and children, or a <c>disk</c> leaf with the device path it was added by and whether it was
/// taken offline.
/// </summary>
public sealed record SimulatedVdev
{
    public const string Disk = "disk";
    public const string Mirror = "mirror";

    [JsonProperty("type")]
    public string Type { get; init; } = Disk;

    [JsonProperty("id")]
    public int Id { get; init; }

    [JsonProperty("device")]
    public string Device { get; init; } = string.Empty;

    [JsonProperty("offline")]
    public bool Offline { get; init; }

    [JsonProperty("children")]
    public IReadOnlyList<SimulatedVdev> Children { get; init; } = [];

    [JsonIgnore]
    public bool IsLeaf => Type == Disk;

    /// <summary>RAIDZ parity (1 to 3), 0 for other types.</summary>
    [JsonIgnore]
    public int Parity => Type.StartsWith("raidz", StringComparison.Ordinal) ? Type[^1] - '0' : 0;

    /// <summary>
    /// The name <c>zpool status</c> shows: <c>mirror-0</c>, <c>raidz2-0</c>, or the leaf's last path part.
    /// </summary>
    [JsonIgnore]
    public string DisplayName => IsLeaf ? Path.GetFileName(Device) : $"{Type}-{Id}";

    public IEnumerable<SimulatedVdev> Leaves() => IsLeaf ? [this] : Children.SelectMany(child => child.Leaves());
}
