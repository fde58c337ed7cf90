using Newtonsoft.Json;

namespace IncusOs.Actors.Services;

/// <summary>One NVMe-oF discovery controller.</summary>
public sealed record NvmeTarget
{
    [JsonProperty("transport")]
    public string Transport { get; init; } = string.Empty;

    [JsonProperty("address")]
    public string Address { get; init; } = string.Empty;

    [JsonProperty("port")]
    public int Port { get; init; }
}
