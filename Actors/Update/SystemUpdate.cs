using Newtonsoft.Json;

namespace IncusOs.Actors.Update;

/// <summary>The document of <c>/1.0/system/update</c>: the writable config and the read-only state.</summary>
public sealed record SystemUpdate
{
    [JsonProperty("config")]
    public SystemUpdateConfig Config { get; init; } = new();

    [JsonProperty("state")]
    public SystemUpdateState State { get; init; } = new();
}
