namespace IncusOs.Providers.Security;

/// <summary>
/// The ZFS pool encryption keys the storage area keeps as <c>zpool.&lt;pool&gt;.key</c> files, read for
/// <c>state.pool_recovery_keys</c>.
/// </summary>
public interface IPoolKeySource
{
    /// <summary>Pool name to standard padded base64 of the raw key file, sorted by pool name.</summary>
    Task<IReadOnlyDictionary<string, string>> GetRecoveryKeysAsync(CancellationToken cancellationToken);
}
