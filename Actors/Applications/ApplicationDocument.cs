using Newtonsoft.Json;

namespace IncusOs.Actors.Applications;

/// <summary>One application as <c>GET /1.0/applications/{name}</c> shows it.</summary>
public sealed record ApplicationDocument
{
    [JsonProperty("state")]
    public ApplicationState State { get; init; } = new();

    [JsonProperty("config")]
    public ApplicationConfig Config { get; init; } = new();
}
