using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>One NUMA node's memory (bytes).</summary>
public sealed class ResourcesMemoryNode
{
    [JsonProperty("numa_node")]
    public ulong NumaNode { get; set; }

    [JsonProperty("hugepages_used")]
    public ulong HugepagesUsed { get; set; }

    [JsonProperty("hugepages_total")]
    public ulong HugepagesTotal { get; set; }

    [JsonProperty("used")]
    public ulong Used { get; set; }

    [JsonProperty("total")]
    public ulong Total { get; set; }
}
