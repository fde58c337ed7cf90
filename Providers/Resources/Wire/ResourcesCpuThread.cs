using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>One logical CPU.</summary>
public sealed class ResourcesCpuThread
{
    [JsonProperty("id")]
    public long Id { get; set; }

    [JsonProperty("numa_node")]
    public ulong NumaNode { get; set; }

    [JsonProperty("thread")]
    public ulong Thread { get; set; }

    [JsonProperty("online")]
    public bool Online { get; set; }

    [JsonProperty("isolated")]
    public bool Isolated { get; set; }
}
