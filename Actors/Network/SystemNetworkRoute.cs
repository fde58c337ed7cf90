using Newtonsoft.Json;

namespace IncusOs.Actors.Network;

/// <summary>A static route; <c>via</c> may be <c>dhcp4</c> or <c>slaac</c> for a learned gateway.</summary>
public sealed record SystemNetworkRoute
{
    [JsonProperty("to")]
    public string To { get; init; } = string.Empty;

    [JsonProperty("via")]
    public string Via { get; init; } = string.Empty;
}
