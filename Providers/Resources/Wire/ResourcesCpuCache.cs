using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>One cache of a socket's first thread.</summary>
public sealed class ResourcesCpuCache
{
    [JsonProperty("level")]
    public ulong Level { get; set; }

    [JsonProperty("type")]
    public string Type { get; set; } = string.Empty;

    [JsonProperty("size")]
    public ulong Size { get; set; }
}
