namespace IncusOs.Providers.Network;

/// <summary>
/// Everything an apply writes and waits for, computed from a validated configuration (network.md §5):
/// the host name, the generated files and the links that must come online.
/// </summary>
public sealed record NetworkApplyPlan
{
    /// <summary>The preferred host name (system.md §2), for hostnamed and <c>/etc/hosts</c>.</summary>
    public required string Hostname { get; init; }

    /// <summary>The <c>.link</c>, <c>.netdev</c> and <c>.network</c> files, in writing order.</summary>
    public required IReadOnlyList<NetworkFile> NetworkdFiles { get; init; }

    /// <summary>The timesyncd drop-in, or null to remove it.</summary>
    public string? Timesyncd { get; init; }

    public required string Hosts { get; init; }

    /// <summary>The local proxy configuration, or null when no proxy is configured.</summary>
    public ProxyPlan? Proxy { get; init; }

    /// <summary>Every configured interface, bond and VLAN, in configuration order.</summary>
    public required IReadOnlyList<LinkPlan> Links { get; init; }
}
