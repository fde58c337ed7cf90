namespace IncusOs.Providers.Network;

/// <summary>
/// The machine's network interfaces (except <c>lo</c>), for the default configuration (network.md §7).
/// </summary>
public interface INicInventory
{
    Task<IReadOnlyList<NicInfo>> ListAsync(CancellationToken cancellationToken);
}
