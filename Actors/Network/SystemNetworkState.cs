using Newtonsoft.Json;

namespace IncusOs.Actors.Network;

/// <summary>Live state of every configured device, keyed by its configured name (network.md §1.3).</summary>
public sealed record SystemNetworkState
{
    [JsonProperty("interfaces")]
    public IReadOnlyDictionary<string, SystemNetworkInterfaceState> Interfaces { get; init; } =
        new SortedDictionary<string, SystemNetworkInterfaceState>(StringComparer.Ordinal);
}
