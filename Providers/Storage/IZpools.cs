namespace IncusOs.Providers.Storage;

/// <summary>
/// ZFS pools through <c>zpool</c> and <c>zfs</c>, one method per command the storage API runs, with
/// the argument vectors of the reference. Device arguments are <c>/dev/disk/by-id/...</c> paths.
/// A failing command throws a <see cref="ProviderException"/> carrying its stderr.
/// </summary>
public interface IZpools
{
    /// <summary><c>zpool status NAME</c>: only the exit status is used.</summary>
    Task<bool> ExistsAsync(string pool, CancellationToken cancellationToken);

    /// <summary><c>zpool status -j</c>, or <c>zpool status NAME -j</c> for one pool.</summary>
    Task<IReadOnlyList<ZpoolInfo>> GetStatusAsync(string? pool, CancellationToken cancellationToken);

    /// <summary>
    /// <c>zpool create -o ashift=12 -O mountpoint=none -O encryption=aes-256-gcm -O keyformat=raw
    /// -O keylocation=file://KEY NAME LAYOUT...</c>, where the layout holds the vdev keywords and devices.
    /// </summary>
    Task CreateAsync(string pool, string keyFile, IReadOnlyList<string> layout, CancellationToken cancellationToken);

    Task DestroyAsync(string pool, CancellationToken cancellationToken);

    Task OfflineAsync(string pool, string device, CancellationToken cancellationToken);

    Task OnlineAsync(string pool, string device, CancellationToken cancellationToken);

    Task RemoveAsync(string pool, string device, CancellationToken cancellationToken);

    Task ReplaceAsync(string pool, string oldDevice, string newDevice, CancellationToken cancellationToken);

    /// <summary><c>zpool add NAME ARGS...</c>, e.g. <c>mirror D1 D2</c>, <c>log D</c> or <c>D</c>.</summary>
    Task AddAsync(string pool, IReadOnlyList<string> args, CancellationToken cancellationToken);

    /// <summary><c>zpool attach NAME VDEV DEVICE</c> (RAIDZ expansion).</summary>
    Task AttachAsync(string pool, string vdev, string device, CancellationToken cancellationToken);

    /// <summary><c>zpool import -a</c>.</summary>
    Task ImportAllAsync(CancellationToken cancellationToken);

    /// <summary><c>zfs load-key -a</c>.</summary>
    Task LoadAllKeysAsync(CancellationToken cancellationToken);
}
