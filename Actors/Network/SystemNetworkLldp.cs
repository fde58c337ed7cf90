using Newtonsoft.Json;

namespace IncusOs.Actors.Network;

/// <summary>An LLDP neighbour seen on a NIC.</summary>
public sealed record SystemNetworkLldp
{
    [JsonProperty("name")]
    public string Name { get; init; } = string.Empty;

    [JsonProperty("chassis_id")]
    public string ChassisId { get; init; } = string.Empty;

    [JsonProperty("port_id")]
    public string PortId { get; init; } = string.Empty;

    [JsonProperty("port")]
    public string Port { get; init; } = string.Empty;

    public bool ShouldSerializePort() => Port.Length > 0;
}
