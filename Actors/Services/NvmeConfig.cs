using Newtonsoft.Json;

namespace IncusOs.Actors.Services;

/// <summary><c>nvme</c> configuration (services.md §6).</summary>
public sealed record NvmeConfig
{
    [JsonProperty("enabled")]
    public bool Enabled { get; init; }

    [JsonProperty("targets")]
    public IReadOnlyList<NvmeTarget>? Targets { get; init; }
}
