namespace IncusOs.Providers.Network;

/// <summary>
/// Reads the live state of links (network.md §6). Throws <see cref="ProviderException"/> on failure.
/// </summary>
public interface INetworkStateReader
{
    Task<IReadOnlyDictionary<string, LinkObservation>> ReadAsync(
        IReadOnlyList<LinkQuery> links, CancellationToken cancellationToken);
}
