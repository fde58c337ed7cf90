using Newtonsoft.Json;

namespace IncusOs.Actors.Services;

/// <summary>A path group of a multipath device.</summary>
public sealed record MultipathPathGroup
{
    [JsonProperty("policy")]
    public string Policy { get; init; } = string.Empty;

    [JsonProperty("priority")]
    public ulong Priority { get; init; }

    [JsonProperty("status")]
    public string Status { get; init; } = string.Empty;

    [JsonProperty("paths")]
    public IReadOnlyList<MultipathPath>? Paths { get; init; }
}
