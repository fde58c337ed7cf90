using Newtonsoft.Json;

namespace IncusOs.Actors.Network;

/// <summary>A VLAN on top of a configured interface or bond.</summary>
public sealed record SystemNetworkVlan
{
    [JsonProperty("name")]
    public string Name { get; init; } = string.Empty;

    [JsonProperty("parent")]
    public string Parent { get; init; } = string.Empty;

    [JsonProperty("id")]
    public int Id { get; init; }

    [JsonProperty("mtu")]
    public int Mtu { get; init; }

    [JsonProperty("addresses")]
    public IReadOnlyList<string> Addresses { get; init; } = [];

    [JsonProperty("required_for_online")]
    public string RequiredForOnline { get; init; } = string.Empty;

    [JsonProperty("routes")]
    public IReadOnlyList<SystemNetworkRoute> Routes { get; init; } = [];

    [JsonProperty("roles")]
    public IReadOnlyList<string> Roles { get; init; } = [];

    public bool ShouldSerializeMtu() => Mtu != 0;

    public bool ShouldSerializeAddresses() => Addresses.Count > 0;

    public bool ShouldSerializeRequiredForOnline() => RequiredForOnline.Length > 0;

    public bool ShouldSerializeRoutes() => Routes.Count > 0;

    public bool ShouldSerializeRoles() => Roles.Count > 0;
}
