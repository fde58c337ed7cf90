using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>The <c>cpu</c> section: architecture, sockets and the number of logical CPUs.</summary>
public sealed class ResourcesCpu
{
    [JsonProperty("architecture")]
    public string Architecture { get; set; } = string.Empty;

    [JsonProperty("sockets")]
    public List<ResourcesCpuSocket> Sockets { get; set; } = [];

    [JsonProperty("total")]
    public ulong Total { get; set; }
}
