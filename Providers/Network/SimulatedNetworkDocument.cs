using Newtonsoft.Json;

namespace IncusOs.Providers.Network;

/// <summary>The simulated network's run-time state in <c>machine/network.json</c>.</summary>
public sealed record SimulatedNetworkDocument
{
    [JsonProperty("hostname")]
    public string Hostname { get; init; } = string.Empty;

    /// <summary>Every kernel link the last apply created, by link name.</summary>
    [JsonProperty("links")]
    public IReadOnlyDictionary<string, SimulatedLink> Links { get; init; } = new Dictionary<string, SimulatedLink>();
}
