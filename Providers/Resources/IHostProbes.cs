using IncusOs.Providers.Resources.Native;

namespace IncusOs.Providers.Resources;

/// <summary>
/// What the collector learns from the host beyond files: <c>uname</c>, the physical block size of a disk,
/// and the helper commands (<c>systemd-detect-virt</c>, <c>lshw</c>, <c>nvidia-container-cli</c>).
/// </summary>
public interface IHostProbes
{
    UnameInfo Uname();

    /// <summary>
    /// <c>BLKPBSZGET</c> on the device node at <paramref name="hostPath"/>: null when the node cannot be opened
    /// (any reason); an <see cref="ErrnoException"/> when it opens but the ioctl fails.
    /// </summary>
    uint? GetPhysicalBlockSize(string hostPath);

    /// <summary><c>container</c>, <c>virtual-machine</c>, <c>physical</c> or <c>unknown</c>; worked out once.</summary>
    Task<string> GetSystemTypeAsync(CancellationToken cancellationToken);

    /// <summary>The output of <c>lshw -json</c> in the C locale, or null when it is missing or fails.</summary>
    Task<string?> GetLshwJsonAsync(CancellationToken cancellationToken);

    /// <summary>The output of <c>nvidia-container-cli info --csv</c>, or null when it is missing or fails.</summary>
    Task<string?> GetNvidiaCsvAsync(CancellationToken cancellationToken);
}
