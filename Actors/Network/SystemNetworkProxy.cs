using Newtonsoft.Json;

namespace IncusOs.Actors.Network;

/// <summary>The local proxy (kpx): upstream servers by name and the rules choosing one per host.</summary>
public sealed record SystemNetworkProxy
{
    [JsonProperty("servers")]
    public IReadOnlyDictionary<string, SystemNetworkProxyServer> Servers { get; init; } =
        new Dictionary<string, SystemNetworkProxyServer>();

    [JsonProperty("rules")]
    public IReadOnlyList<SystemNetworkProxyRule> Rules { get; init; } = [];

    public bool ShouldSerializeServers() => Servers.Count > 0;

    public bool ShouldSerializeRules() => Rules.Count > 0;
}
