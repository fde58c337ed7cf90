using Newtonsoft.Json;

namespace IncusOs.Actors.Storage;

/// <summary>A pool destroy in progress: the member drives (kernel paths) not discarded yet.</summary>
public sealed record PendingDestroy
{
    [JsonProperty("pool")]
    public string Pool { get; init; } = string.Empty;

    [JsonProperty("members")]
    public IReadOnlyList<string> Members { get; init; } = [];
}
