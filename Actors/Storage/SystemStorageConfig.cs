using Newtonsoft.Json;

namespace IncusOs.Actors.Storage;

/// <summary>The request side: pools to create, update or destroy (omitted when empty).</summary>
public sealed record SystemStorageConfig
{
    [JsonProperty("pools")]
    public IReadOnlyList<SystemStoragePool>? Pools { get; init; }

    public bool ShouldSerializePools() => Pools is { Count: > 0 };
}
