using Newtonsoft.Json;

namespace IncusOs.Actors.Network;

/// <summary>Which proxy (a server name, <c>direct</c> or <c>none</c>) serves a destination pattern.</summary>
public sealed record SystemNetworkProxyRule
{
    [JsonProperty("destination")]
    public string Destination { get; init; } = string.Empty;

    [JsonProperty("target")]
    public string Target { get; init; } = string.Empty;
}
