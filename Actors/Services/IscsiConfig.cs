using Newtonsoft.Json;

namespace IncusOs.Actors.Services;

/// <summary><c>iscsi</c> configuration (services.md §3).</summary>
public sealed record IscsiConfig
{
    [JsonProperty("enabled")]
    public bool Enabled { get; init; }

    [JsonProperty("targets")]
    public IReadOnlyList<IscsiTarget>? Targets { get; init; }
}
