using Newtonsoft.Json;

namespace IncusOs.Actors.Services;

/// <summary><c>multipath</c> configuration: the WWNs to manage (services.md §5).</summary>
public sealed record MultipathConfig
{
    [JsonProperty("enabled")]
    public bool Enabled { get; init; }

    [JsonProperty("wwns")]
    public IReadOnlyList<string>? Wwns { get; init; }
}
