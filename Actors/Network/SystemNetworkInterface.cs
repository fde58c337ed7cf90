using Newtonsoft.Json;

namespace IncusOs.Actors.Network;

/// <summary>A physical NIC, identified by its permanent MAC, and the bridge the host uses on it.</summary>
public sealed record SystemNetworkInterface
{
    [JsonProperty("name")]
    public string Name { get; init; } = string.Empty;

    [JsonProperty("mtu")]
    public int Mtu { get; init; }

    [JsonProperty("vlan_tags")]
    public IReadOnlyList<int> VlanTags { get; init; } = [];

    [JsonProperty("addresses")]
    public IReadOnlyList<string> Addresses { get; init; } = [];

    [JsonProperty("required_for_online")]
    public string RequiredForOnline { get; init; } = string.Empty;

    [JsonProperty("routes")]
    public IReadOnlyList<SystemNetworkRoute> Routes { get; init; } = [];

    [JsonProperty("hwaddr")]
    public string Hwaddr { get; init; } = string.Empty;

    [JsonProperty("roles")]
    public IReadOnlyList<string> Roles { get; init; } = [];

    [JsonProperty("lldp")]
    public bool Lldp { get; init; }

    public bool ShouldSerializeMtu() => Mtu != 0;

    public bool ShouldSerializeVlanTags() => VlanTags.Count > 0;

    public bool ShouldSerializeAddresses() => Addresses.Count > 0;

    public bool ShouldSerializeRequiredForOnline() => RequiredForOnline.Length > 0;

    public bool ShouldSerializeRoutes() => Routes.Count > 0;

    public bool ShouldSerializeRoles() => Roles.Count > 0;
}
