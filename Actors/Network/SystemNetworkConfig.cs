using Newtonsoft.Json;

namespace IncusOs.Actors.Network;

/// <summary>The network configuration (network.md §1.2); every field is omitted when empty.</summary>
public sealed record SystemNetworkConfig
{
    [JsonProperty("dns", NullValueHandling = NullValueHandling.Ignore)]
    public SystemNetworkDns? Dns { get; init; }

    [JsonProperty("ntp", NullValueHandling = NullValueHandling.Ignore)]
    public SystemNetworkNtp? Ntp { get; init; }

    [JsonProperty("proxy", NullValueHandling = NullValueHandling.Ignore)]
    public SystemNetworkProxy? Proxy { get; init; }

    [JsonProperty("interfaces")]
    public IReadOnlyList<SystemNetworkInterface> Interfaces { get; init; } = [];

    [JsonProperty("bonds")]
    public IReadOnlyList<SystemNetworkBond> Bonds { get; init; } = [];

    [JsonProperty("vlans")]
    public IReadOnlyList<SystemNetworkVlan> Vlans { get; init; } = [];

    /// <summary>True when no interface, bond or VLAN is configured.</summary>
    [JsonIgnore]
    public bool HasNoDevices => Interfaces.Count == 0 && Bonds.Count == 0 && Vlans.Count == 0;

    public bool ShouldSerializeInterfaces() => Interfaces.Count > 0;

    public bool ShouldSerializeBonds() => Bonds.Count > 0;

    public bool ShouldSerializeVlans() => Vlans.Count > 0;
}
