using IncusOs.Providers;
using IncusOs.Providers.Process;
using IncusOs.Providers.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncusOs.Tests.Storage;

public sealed class HostBlockDevicesTests : IDisposable
{
    private readonly FakeSysfs _sysfs = new();

    public void Dispose() => _sysfs.Dispose();

    [Fact]
    public async Task GetBootDisk_DeviceMapperRoot_IsTheDiskUnderItsSlave()
    {
        var blocks = new HostBlockDevices(new ProcessRunner(NullLogger<ProcessRunner>.Instance), _sysfs.Options);

        Assert.Equal("/dev/sda", await blocks.GetBootDiskAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetBootDisk_NoFileOnDeviceMapper_FailsWithTheReferenceMessage()
    {
        var options = _sysfs.Options with { DeviceMapperMajor = 252, BootProbeFiles = ["/etc/passwd"] };
        var blocks = new HostBlockDevices(new ProcessRunner(NullLogger<ProcessRunner>.Instance), options);

        var ex = await Assert.ThrowsAsync<ProviderException>(() => blocks.GetBootDiskAsync(CancellationToken.None));

        Assert.Equal("couldn't find a file on device mapper", ex.Message);
    }

    [Fact]
    public void FindUnderlyingDisk_UnknownDevice_Fails()
    {
        var ex = Assert.Throws<ProviderException>(() => HostBlockDevices.FindUnderlyingDisk(_sysfs.ClassBlock, 1, 99));

        Assert.Equal("unable to determine underlying device", ex.Message);
    }

    [Theory]
    [InlineData("/dev/sdb", false)]
    [InlineData("/dev/sdc", true)]
    [InlineData("/dev/nvme0n1", false)]
    [InlineData("/dev/nvme1n1", true)]
    [InlineData("/dev/vdb", false)]
    [InlineData("/dev/disk/by-id/ata-X", false)]
    public void IsRemote_ByLinkTarget(string device, bool remote)
    {
        Assert.Equal(remote, HostBlockDevices.IsRemote(_sysfs.ClassBlock, device));
    }

    [Fact]
    public void FirstById_TakesTheFirstByIdLink()
    {
        Assert.Equal(
            "/dev/disk/by-id/wwn-0x1",
            HostBlockDevices.FirstById("disk/by-path/pci-1 disk/by-id/wwn-0x1 disk/by-id/ata-B\n"));
        Assert.Null(HostBlockDevices.FirstById("\n"));
    }

    [Fact]
    public void ResolveLink_RelativeTarget_JoinedToTheLinkDirectory()
    {
        var link = Path.Combine(_sysfs.Directory, "by-id", "ata-B");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, "../../sdb");

        Assert.Equal(Path.GetFullPath(Path.Combine(_sysfs.Directory, "..", "sdb")), HostBlockDevices.ResolveLink(link));
        Assert.Equal(
            $"readlink {link}-missing: no such file or directory",
            Assert.Throws<ProviderException>(() => HostBlockDevices.ResolveLink(link + "-missing")).Message);
    }
}
