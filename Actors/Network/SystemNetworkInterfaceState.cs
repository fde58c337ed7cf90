using Newtonsoft.Json;

namespace IncusOs.Actors.Network;

/// <summary>The state of one interface, bond, bond member or VLAN.</summary>
public sealed record SystemNetworkInterfaceState
{
    [JsonProperty("type")]
    public string Type { get; init; } = string.Empty;

    [JsonProperty("addresses")]
    public IReadOnlyList<string> Addresses { get; init; } = [];

    [JsonProperty("hwaddr")]
    public string Hwaddr { get; init; } = string.Empty;

    [JsonProperty("routes")]
    public IReadOnlyList<SystemNetworkRoute> Routes { get; init; } = [];

    [JsonProperty("mtu")]
    public int Mtu { get; init; }

    [JsonProperty("speed")]
    public string Speed { get; init; } = string.Empty;

    [JsonProperty("state")]
    public string State { get; init; } = string.Empty;

    [JsonProperty("stats")]
    public SystemNetworkInterfaceStats Stats { get; init; } = new();

    [JsonProperty("lldp")]
    public IReadOnlyList<SystemNetworkLldp> Lldp { get; init; } = [];

    [JsonProperty("lacp", NullValueHandling = NullValueHandling.Ignore)]
    public SystemNetworkLacp? Lacp { get; init; }

    [JsonProperty("members")]
    public IReadOnlyDictionary<string, SystemNetworkInterfaceState> Members { get; init; } =
        new SortedDictionary<string, SystemNetworkInterfaceState>(StringComparer.Ordinal);

    [JsonProperty("roles")]
    public IReadOnlyList<string> Roles { get; init; } = [];

    public bool ShouldSerializeType() => Type.Length > 0;

    public bool ShouldSerializeAddresses() => Addresses.Count > 0;

    public bool ShouldSerializeRoutes() => Routes.Count > 0;

    public bool ShouldSerializeMtu() => Mtu != 0;

    public bool ShouldSerializeSpeed() => Speed.Length > 0;

    public bool ShouldSerializeLldp() => Lldp.Count > 0;

    public bool ShouldSerializeMembers() => Members.Count > 0;

    public bool ShouldSerializeRoles() => Roles.Count > 0;
}
