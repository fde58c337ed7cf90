using IncusOs.Providers;
using IncusOs.Providers.Resources;

namespace IncusOs.Tests.Resources;

public sealed class SysTreeTests
{
    private const string VirtioDevice = "/sys/devices/pci0000:00/0000:00:02.0/virtio1";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Resolve_LinkThroughLinkedParent_GivesRealpathResult(bool textLinks)
    {
        using var tree = BuildVirtioBlock(textLinks);
        var sys = new SysTree(tree.Root, textLinks);

        var resolved = sys.Resolve("/sys/class/block/vda/device");

        Assert.Equal(VirtioDevice, resolved);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Exists_DanglingLink_TrueButReadFailsNamingPath(bool textLinks)
    {
        using var tree = BuildVirtioBlock(textLinks);
        tree.Link($"{VirtioDevice}/driver", "../../../../bus/virtio/drivers/virtio_blk", textLinks);
        var sys = new SysTree(tree.Root, textLinks);

        var exists = sys.Exists($"{VirtioDevice}/driver");
        var error = Assert.Throws<ProviderException>(() => sys.Resolve("/sys/class/block/vda/device/driver"));

        Assert.True(exists);
        Assert.False(sys.ExistsFollowing($"{VirtioDevice}/driver"));
        Assert.Equal(
            "Failed to resolve \"/sys/class/block/vda/device/driver\": no such file or directory", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadText_ThroughLinks_TrimmedContent(bool textLinks)
    {
        using var tree = BuildVirtioBlock(textLinks);
        var sys = new SysTree(tree.Root, textLinks);

        var dev = sys.ReadText("/sys/class/block/vda/dev");

        Assert.Equal("254:0", dev);
        Assert.True(sys.IsDirectory("/sys/class/block/vda"));
        Assert.True(sys.IsFile("/sys/class/block/vda/device/device"));
    }

    [Fact]
    public void List_NumberedEntries_SortedByteByByte()
    {
        using var tree = new TempTree();
        foreach (var name in new[] { "node2", "node10", "node1", "Node3", "has_cpu" })
        {
            tree.Dir("/sys/devices/system/node/" + name);
        }

        var names = new SysTree(tree.Root).List("/sys/devices/system/node");

        Assert.Equal(["Node3", "has_cpu", "node1", "node10", "node2"], names);
    }

    [Fact]
    public void ReadText_MissingFile_ProviderExceptionNamingFile()
    {
        using var tree = new TempTree();

        var error = Assert.Throws<ProviderException>(() => new SysTree(tree.Root).ReadText("/proc/loadavg"));

        Assert.Equal("Failed to read \"/proc/loadavg\": no such file or directory", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadLinkName_DanglingIommuGroup_BaseNameWithoutResolving(bool textLinks)
    {
        using var tree = new TempTree();
        tree.Dir("/sys/devices/pci0000:00/0000:00:02.1");
        tree.Link("/sys/devices/pci0000:00/0000:00:02.1/iommu_group", "../../../kernel/iommu_groups/2", textLinks);

        var name = new SysTree(tree.Root, textLinks).ReadLinkName("/sys/devices/pci0000:00/0000:00:02.1/iommu_group");

        Assert.Equal("2", name);
    }

    private static TempTree BuildVirtioBlock(bool textLinks)
    {
        var tree = new TempTree();
        tree.File($"{VirtioDevice}/device", "0x0002\n")
            .File($"{VirtioDevice}/block/vda/dev", "254:0\n")
            .Link($"{VirtioDevice}/block/vda/device", "../../../virtio1", textLinks)
            .Link("/sys/class/block/vda", "../../devices/pci0000:00/0000:00:02.0/virtio1/block/vda", textLinks);

        return tree;
    }
}
