using Newtonsoft.Json;

namespace IncusOs.Actors.Storage;

/// <summary>The document of <c>/1.0/system/storage</c>: pools to change on input, drives and pools on output.</summary>
public sealed record SystemStorage
{
    [JsonProperty("config")]
    public SystemStorageConfig Config { get; init; } = new();

    [JsonProperty("state")]
    public SystemStorageState State { get; init; } = new();
}
