using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>The <c>memory</c> section (bytes).</summary>
public sealed class ResourcesMemory
{
    [JsonProperty("nodes")]
    public List<ResourcesMemoryNode>? Nodes { get; set; }

    [JsonProperty("hugepages_total")]
    public ulong HugepagesTotal { get; set; }

    [JsonProperty("hugepages_used")]
    public ulong HugepagesUsed { get; set; }

    [JsonProperty("hugepages_size")]
    public ulong HugepagesSize { get; set; }

    [JsonProperty("used")]
    public ulong Used { get; set; }

    [JsonProperty("total")]
    public ulong Total { get; set; }

    public bool ShouldSerializeNodes() => Nodes is { Count: > 0 };
}
