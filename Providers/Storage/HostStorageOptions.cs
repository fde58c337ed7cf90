namespace IncusOs.Providers.Storage;

/// <summary>Where the host storage providers look; tests point them at loop devices and fake trees.</summary>
public sealed record HostStorageOptions
{
    /// <summary>
    /// List loop devices too (<c>lsblk -e 1,2</c> instead of <c>-e 1,2,7</c>). Only tests set it, to
    /// see the loop devices they attach.
    /// </summary>
    public bool IncludeLoopDevices { get; init; }

    /// <summary>The kernel's block device directory.</summary>
    public string SysClassBlock { get; init; } = "/sys/class/block";

    /// <summary>Files whose device tells which disk the OS runs from (the later one wins).</summary>
    public IReadOnlyList<string> BootProbeFiles { get; init; } = ["/usr/local/bin/incus-osd", "/etc/passwd"];

    /// <summary>The device-mapper major number: the OS runs from a dm-verity / LUKS device.</summary>
    public uint DeviceMapperMajor { get; init; } = 252;
}
