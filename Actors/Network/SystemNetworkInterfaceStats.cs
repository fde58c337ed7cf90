using Newtonsoft.Json;

namespace IncusOs.Actors.Network;

/// <summary>Traffic counters of a link.</summary>
public sealed record SystemNetworkInterfaceStats
{
    [JsonProperty("rx_bytes")]
    public long RxBytes { get; init; }

    [JsonProperty("tx_bytes")]
    public long TxBytes { get; init; }

    [JsonProperty("rx_errors")]
    public long RxErrors { get; init; }

    [JsonProperty("tx_errors")]
    public long TxErrors { get; init; }
}
