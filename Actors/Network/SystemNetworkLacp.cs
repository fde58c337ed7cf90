using Newtonsoft.Json;

namespace IncusOs.Actors.Network;

/// <summary>LACP view of a bond member: its current MAC and its permanent MAC.</summary>
public sealed record SystemNetworkLacp
{
    [JsonProperty("local_mac")]
    public string LocalMac { get; init; } = string.Empty;

    [JsonProperty("remote_mac")]
    public string RemoteMac { get; init; } = string.Empty;
}
