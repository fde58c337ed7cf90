using Newtonsoft.Json;

namespace IncusOs.Actors.Applications;

/// <summary>An installed application's state (applications.md §1).</summary>
public sealed record ApplicationState
{
    [JsonProperty("initialized")]
    public bool Initialized { get; init; }

    [JsonProperty("version")]
    public string Version { get; init; } = string.Empty;
}
