using Newtonsoft.Json;

namespace IncusOs.Actors.Storage;

/// <summary>SMART support enabled, and the disk's overall self-assessment.</summary>
public sealed record SystemStorageDriveSmart
{
    [JsonProperty("enabled")]
    public bool Enabled { get; init; }

    [JsonProperty("passed")]
    public bool Passed { get; init; }
}
