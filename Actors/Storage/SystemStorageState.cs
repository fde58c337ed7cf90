using Newtonsoft.Json;

namespace IncusOs.Actors.Storage;

/// <summary>The response side: every whole disk and every pool (null when there are none).</summary>
public sealed record SystemStorageState
{
    [JsonProperty("drives")]
    public IReadOnlyList<SystemStorageDrive>? Drives { get; init; }

    [JsonProperty("pools")]
    public IReadOnlyList<SystemStoragePool>? Pools { get; init; }
}
