namespace IncusOs.Providers.Storage;

/// <summary>
/// The machine's disks: listing (<c>lsblk</c>), SMART data (<c>smartctl</c>), which disk the OS
/// boots from, which disks are remote (Fibre Channel, NVMe over fabrics), the stable
/// <c>/dev/disk/by-id</c> name of a device (<c>udevadm</c>) and where a device symlink points.
/// Failures are <see cref="ProviderException"/>s whose message goes to the client.
/// </summary>
public interface IBlockDevices
{
    /// <summary>Whole disks in <c>lsblk</c> order.</summary>
    Task<IReadOnlyList<BlockDevice>> ListDisksAsync(CancellationToken cancellationToken);

    /// <summary>SMART and identity data of one disk; fails when smartctl prints no JSON.</summary>
    Task<SmartReport> ReadSmartAsync(string device, CancellationToken cancellationToken);

    /// <summary>The disk the running OS lives on, e.g. <c>/dev/sda</c>.</summary>
    Task<string> GetBootDiskAsync(CancellationToken cancellationToken);

    /// <summary>Whether the device is reached over a fabric rather than a local bus.</summary>
    Task<bool> IsRemoteAsync(string device, CancellationToken cancellationToken);

    /// <summary>
    /// The first <c>/dev/disk/by-id/...</c> symlink of a device, or null when it has none.
    /// </summary>
    Task<string?> GetDeviceIdAsync(string device, CancellationToken cancellationToken);

    /// <summary>Where a device symlink (by-id, by-partlabel) points, e.g. <c>/dev/sdb</c>.</summary>
    string ResolveDevicePath(string path);
}
