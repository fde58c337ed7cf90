using Newtonsoft.Json;

namespace IncusOs.Actors.Network;

/// <summary>Host name, domain and resolver settings.</summary>
public sealed record SystemNetworkDns
{
    [JsonProperty("hostname")]
    public string Hostname { get; init; } = string.Empty;

    [JsonProperty("domain")]
    public string Domain { get; init; } = string.Empty;

    [JsonProperty("search_domains")]
    public IReadOnlyList<string> SearchDomains { get; init; } = [];

    [JsonProperty("nameservers")]
    public IReadOnlyList<string> Nameservers { get; init; } = [];

    public bool ShouldSerializeSearchDomains() => SearchDomains.Count > 0;

    public bool ShouldSerializeNameservers() => Nameservers.Count > 0;
}
