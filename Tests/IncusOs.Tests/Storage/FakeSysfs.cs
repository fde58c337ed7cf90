using IncusOs.Providers.Storage;

namespace IncusOs.Tests.Storage;

/// <summary>
/// A made-up <c>/sys/class/block</c> in a temporary directory: a device-mapper root on
/// <c>sda9</c>, a local SATA disk, a Fibre Channel disk, a PCIe NVMe disk and an NVMe-oF disk. The
/// boot probe file is a real temporary file whose device number the dm entry claims.
/// </summary>
public sealed class FakeSysfs : IDisposable
{
    public FakeSysfs()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("storage-sysfs-").FullName;
        ClassBlock = Path.Combine(Directory, "class", "block");
        ProbeFile = Path.Combine(Directory, "incus-osd");
        File.WriteAllText(ProbeFile, "probe");
        var (major, minor) = HostBlockDevices.DeviceOf(ProbeFile)!.Value;
        Major = major;

        Link("sda", "../../devices/pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0/0:0:0:0/block/sda");
        Link("sdb", "../../devices/pci0000:00/0000:00:1f.2/ata2/host1/target1:0:0/1:0:0:0/block/sdb");
        Link("sdc", "../../devices/pci0000:00/0000:00:03.0/host2/rport-2:0-0/target2:0:0/2:0:0:0/block/sdc");
        Link("nvme0n1/device/nvme0", "../../../devices/pci0000:00/0000:00:04.0/nvme/nvme0");
        Link("nvme1n1/device/nvme1", "../../../devices/virtual/nvme-fabrics/ctl/nvme1");
        System.IO.Directory.CreateDirectory(Path.Combine(ClassBlock, "dm-0"));
        File.WriteAllText(Path.Combine(ClassBlock, "dm-0", "dev"), $"{major}:{minor}\n");
        Link(
            "dm-0/slaves/sda9",
            "../../../devices/pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0/0:0:0:0/block/sda/sda9");
    }

    public string Directory { get; }

    public string ClassBlock { get; }

    public string ProbeFile { get; }

    public uint Major { get; }

    public HostStorageOptions Options => new()
    {
        SysClassBlock = ClassBlock, BootProbeFiles = [ProbeFile], DeviceMapperMajor = Major,
    };

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private void Link(string relative, string target)
    {
        var path = Path.Combine(ClassBlock, relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
    }
}
