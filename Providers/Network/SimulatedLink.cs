using Newtonsoft.Json;

namespace IncusOs.Providers.Network;

/// <summary>One simulated kernel link.</summary>
public sealed record SimulatedLink
{
    [JsonProperty("addresses")]
    public IReadOnlyList<string> Addresses { get; init; } = [];

    [JsonProperty("routes")]
    public IReadOnlyList<RoutePlan> Routes { get; init; } = [];

    [JsonProperty("mtu")]
    public int Mtu { get; init; }

    [JsonProperty("speed_mbit")]
    public long SpeedMbit { get; init; }

    [JsonProperty("state")]
    public string State { get; init; } = string.Empty;

    [JsonProperty("local_mac")]
    public string LocalMac { get; init; } = string.Empty;

    [JsonProperty("permanent_mac")]
    public string PermanentMac { get; init; } = string.Empty;
}
