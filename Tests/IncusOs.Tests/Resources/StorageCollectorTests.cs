using IncusOs.Providers;
using IncusOs.Providers.Resources;
using IncusOs.Providers.Resources.Native;
using IncusOs.Providers.Resources.Sections;
using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Tests.Resources;

/// <summary>The disk rules of resources.md §9 on a small SATA machine built with real symlinks.</summary>
public sealed class StorageCollectorTests : IDisposable
{
    private const string Host = "/sys/devices/pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0";
    private readonly TempTree _tree = new();

    public StorageCollectorTests()
    {
        _tree.Dir("/sys/bus/scsi").File("/sys/devices/virtual/block/loop0/dev", "7:0");
        _tree.Link("/sys/class/block/loop0", "../../devices/virtual/block/loop0");
        AddDisk("0:0:0:0", "sda", "8:0", 2048, removable: false, model: "Samsung SSD 870  ");
        AddDisk("0:0:0:1", "sdaa", "65:160", 4096, removable: false, model: "Other");
        AddDisk("0:0:0:2", "sr0", "11:0", 0x1FFFFF, removable: true, model: "DVD");
        AddPartition("sda", "sda1", "8:1", 1);
        AddPartition("sda", "sda10", "8:10", 10);
        AddPartition("sda", "sda2", "8:2", 2);
        AddPartition("sdaa", "sdaa1", "65:161", 1);
        _tree.File("/run/udev/data/b8:0", "S:disk/by-id/x\nE:ID_ATA_SATA=1\nE:ID_SERIAL=long_serial\n"
            + "E:ID_SERIAL_SHORT=S6PU\nE:ID_MODEL_ENC=Samsung\\x20SSD\\x20870\\x20EVO\nE:ID_MODEL=Samsung_SSD\n"
            + "E:ID_REVISION=SVT02B6Q\nE:ID_ATA_ROTATION_RATE_RPM=7200\n");
        _tree.File("/run/udev/data/b11:0", "E:ID_CDROM=1\nE:ID_SERIAL_SHORT=\n");
        foreach (var node in new[] { "sda", "sda1", "sdaa", "sr0" })
        {
            _tree.File("/dev/" + node, string.Empty);
        }

        _tree.Link("/dev/disk/by-id/ata-Samsung_SSD_870_EVO_S6PU", "../../sda")
            .Link("/dev/disk/by-id/ata-Samsung_SSD_870_EVO_S6PU-part1", "../../sda1")
            .Link("/dev/disk/by-id/wwn-0x5002538f4", "../../sda")
            .Link("/dev/disk/by-id/zzz-dangling", "../../sdz")
            .Link("/dev/disk/by-path/pci-0000:00:1f.2-ata-1", "../../sda")
            .Link("/dev/disk/by-path/pci-0000:00:1f.2-ata-1.0", "../../sda");
    }

    [Fact]
    public void Collect_SataMachine_DisksWithParentDeviceInNameOrder()
    {
        var storage = Collect();

        Assert.Equal(["sda", "sdaa", "sr0"], storage.Disks.Select(d => d.Id));
        Assert.Equal(8UL, storage.Total);
    }

    [Fact]
    public void Collect_SataDisk_UdevRefinesTypeModelSerialRpmFirmware()
    {
        var sda = Collect().Disks[0];

        Assert.Equal(
            ("8:0", "sata", "Samsung SSD 870 EVO", "S6PU", 7200UL, "SVT02B6Q", 2048UL * 512),
            (sda.Device, sda.Type, sda.Model, sda.Serial, sda.Rpm, sda.FirmwareVersion, sda.Size));
        Assert.Equal(string.Empty, sda.PciAddress);
        Assert.Equal(("pci-0000:00:1f.2-ata-1.0", "wwn-0x5002538f4"), (sda.DevicePath, sda.DeviceId));
        Assert.Equal(0UL, sda.BlockSize);
    }

    [Fact]
    public void Collect_PlainPrefix_SdaAlsoCollectsSdaaPartitions()
    {
        var storage = Collect();

        Assert.Equal(["sda1", "sda10", "sda2", "sdaa1"], storage.Disks[0].Partitions.Select(p => p.Id));
        Assert.Equal(["sdaa1"], storage.Disks[1].Partitions.Select(p => p.Id));
        var sda10 = storage.Disks[0].Partitions[1];
        Assert.Equal((10UL, "8:10", 100UL * 512), (sda10.Partition, sda10.Device, sda10.Size));
    }

    [Fact]
    public void Collect_EmptyCdDrive_CdromWithSizeZeroAndEmptyUdevSerial()
    {
        var sr0 = Collect().Disks[2];

        Assert.Equal(("cdrom", 0UL, true, string.Empty), (sr0.Type, sr0.Size, sr0.Removable, sr0.Serial));
        Assert.Equal(string.Empty, sr0.DeviceId);
        Assert.Equal(1UL, sr0.Rpm);
    }

    [Fact]
    public void Collect_DiskWithoutDev_Skipped()
    {
        File.Delete(_tree.Root + Host + "/0:0:0:1/block/sdaa/dev");

        var storage = Collect();

        Assert.Equal(["sda", "sr0"], storage.Disks.Select(d => d.Id));
    }

    [Fact]
    public void Collect_BlockSizeIoctlFails_FatalNamingDevice()
    {
        var probes = new BlockSizeProbes();

        var error = Assert.Throws<ProviderException>(() => Collect(probes));

        Assert.Equal(
            "Failed to retrieve storage information: Failed to get the block size of \"/dev/sda\": "
            + "BLKPBSZGET: inappropriate ioctl for device",
            error.Message);
    }

    public void Dispose() => _tree.Dispose();

    private ResourcesStorage Collect(IHostProbes? probes = null)
    {
        var collector = new ResourcesCollector(
            new SysTree(_tree.Root),
            probes ?? new FakeProbes(),
            new AbsentEthtool(),
            new ResourcesPaths([], "/none"));

        return ResourcesCollector.Section(
            "storage", collector.CreateContext(CancellationToken.None), StorageCollector.Collect);
    }

    private void AddDisk(string scsi, string name, string dev, ulong sectors, bool removable, string model)
    {
        var device = $"{Host}/{scsi}";
        var block = $"{device}/block/{name}";
        _tree.File($"{device}/model", model + "\n")
            .Link($"{device}/subsystem", "../../../../../../../bus/scsi")
            .File($"{block}/dev", dev + "\n")
            .File($"{block}/ro", "0\n")
            .File($"{block}/size", $"{sectors}\n")
            .File($"{block}/removable", removable ? "1\n" : "0\n")
            .File($"{block}/queue/rotational", "1\n")
            .Link($"{block}/device", $"../../../{scsi}")
            .Link($"/sys/class/block/{name}", $"../..{block["/sys".Length..]}");
    }

    private void AddPartition(string disk, string name, string dev, int number)
    {
        // The disk's link target is ../../devices/…; the partition lives in the disk's directory.
        var diskTarget = new FileInfo(_tree.Root + $"/sys/class/block/{disk}").LinkTarget!;
        var dir = "/sys/" + diskTarget["../../".Length..] + "/" + name;
        _tree.File($"{dir}/partition", $"{number}\n")
            .File($"{dir}/dev", dev + "\n")
            .File($"{dir}/ro", "0\n")
            .File($"{dir}/size", "100\n")
            .Link($"/sys/class/block/{name}", $"../../{dir["/sys/".Length..]}");
    }

    private sealed class BlockSizeProbes : IHostProbes
    {
        private readonly FakeProbes _inner = new();

        public UnameInfo Uname() => _inner.Uname();

        public uint? GetPhysicalBlockSize(string hostPath) => throw new ErrnoException("BLKPBSZGET", 25);

        public Task<string> GetSystemTypeAsync(CancellationToken cancellationToken) =>
            _inner.GetSystemTypeAsync(cancellationToken);

        public Task<string?> GetLshwJsonAsync(CancellationToken cancellationToken) =>
            _inner.GetLshwJsonAsync(cancellationToken);

        public Task<string?> GetNvidiaCsvAsync(CancellationToken cancellationToken) =>
            _inner.GetNvidiaCsvAsync(cancellationToken);
    }
}
