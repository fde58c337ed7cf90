namespace IncusOs.Providers.Storage;

/// <summary>
/// The raw 32-byte encryption keys of the pools, one file per pool named <c>zpool.POOL.key</c>
/// (mode 0600) in one directory (<c>/var/lib/incus-os</c> on a host). The keys are secrets: never
/// logged, never in a message.
/// </summary>
public interface IPoolKeyStore
{
    /// <summary>The directory that holds the key files.</summary>
    string Directory { get; }

    /// <summary>The key file of a pool, as passed to <c>keylocation=file://</c>.</summary>
    string PathOf(string pool);

    bool Exists(string pool);

    /// <summary>Writes a new random key; fails when the file already exists.</summary>
    void Create(string pool);

    /// <summary>Removes the key file; nothing happens when there is none.</summary>
    void Delete(string pool);

    /// <summary>Every key file's bytes by pool name, for <c>pool_recovery_keys</c>.</summary>
    IReadOnlyDictionary<string, byte[]> ReadAll();
}
