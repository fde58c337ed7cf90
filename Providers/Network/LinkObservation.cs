namespace IncusOs.Providers.Network;

/// <summary>What the machine reports about one link (network.md §6), before roles are added.</summary>
public sealed record LinkObservation
{
    /// <summary>Addresses without prefix length; IPv4 and IPv6 link-local ones left out.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    public IReadOnlyList<RoutePlan> Routes { get; init; } = [];

    public int Mtu { get; init; }

    /// <summary>e.g. <c>1Gbps</c>; empty when the link does not report a speed.</summary>
    public string Speed { get; init; } = string.Empty;

    /// <summary>networkd's operational state: <c>routable</c>, <c>degraded</c>, <c>carrier</c>, <c>off</c>...</summary>
    public string State { get; init; } = string.Empty;

    public long RxBytes { get; init; }

    public long TxBytes { get; init; }

    public long RxErrors { get; init; }

    public long TxErrors { get; init; }

    public string LocalMac { get; init; } = string.Empty;

    public string PermanentMac { get; init; } = string.Empty;

    public IReadOnlyList<LldpNeighbour> Lldp { get; init; } = [];
}
