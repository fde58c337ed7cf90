using Newtonsoft.Json;

namespace IncusOs.Actors.Network;

/// <summary>
/// The document of <c>/1.0/system/network</c> (network.md §1.1): the configuration and, on GET, the
/// live state. Request bodies use the same wrapper; their <c>state</c> is ignored.
/// </summary>
public sealed record SystemNetwork
{
    [JsonProperty("config")]
    public SystemNetworkConfig? Config { get; init; }

    [JsonProperty("state")]
    public SystemNetworkState State { get; init; } = new();
}
