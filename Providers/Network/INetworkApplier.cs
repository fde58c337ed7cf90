namespace IncusOs.Providers.Network;

/// <summary>
/// Puts a network plan in force on the machine (network.md §5 steps 2 to 9): host name, proxy,
/// networkd and timesyncd files, <c>/etc/hosts</c>, link renaming, service restarts, the wait for
/// links to come online and the connectivity check. Throws <see cref="ProviderException"/> with the
/// operator-facing reason on any failure.
/// </summary>
public interface INetworkApplier
{
    Task ApplyAsync(NetworkApplyPlan plan, CancellationToken cancellationToken);
}
