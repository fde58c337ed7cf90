using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>One partition of a disk.</summary>
public sealed class ResourcesStorageDiskPartition
{
    [JsonProperty("id")]
    public string Id { get; set; } = string.Empty;

    [JsonProperty("device")]
    public string Device { get; set; } = string.Empty;

    [JsonProperty("read_only")]
    public bool ReadOnly { get; set; }

    [JsonProperty("size")]
    public ulong Size { get; set; }

    [JsonProperty("partition")]
    public ulong Partition { get; set; }
}
