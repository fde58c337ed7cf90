using IncusOs.Providers.Process;
using IncusOs.Providers.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncusOs.Tests.Storage;

/// <summary>The host disk providers on real loop devices: real lsblk, smartctl, udevadm and blkdiscard.</summary>
public sealed class HostLoopDeviceTests : IDisposable
{
    private const long Size = 32L << 20;

    private readonly LoopDevices _loops = new(2, Size);
    private readonly ProcessRunner _runner = new(NullLogger<ProcessRunner>.Instance);

    public void Dispose() => _loops.Dispose();

    [Fact]
    public async Task ListDisks_IncludeLoopOption_ListsTheLoopDevicesWithTheirSize()
    {
        var withLoops = new HostBlockDevices(_runner, new HostStorageOptions { IncludeLoopDevices = true });
        var standard = new HostBlockDevices(_runner, new HostStorageOptions());

        var listed = await withLoops.ListDisksAsync(CancellationToken.None);
        var excluded = await standard.ListDisksAsync(CancellationToken.None);

        foreach (var device in _loops.Devices)
        {
            Assert.Equal(new BlockDevice(device, Size, false), listed.Single(d => d.KernelName == device));
            Assert.DoesNotContain(excluded, d => d.KernelName == device);
        }
    }

    [Fact]
    public async Task ReadSmart_LoopDevice_ParsesSmartctlJsonDespiteItsExitStatus()
    {
        var blocks = new HostBlockDevices(_runner, new HostStorageOptions { IncludeLoopDevices = true });

        var report = await blocks.ReadSmartAsync(_loops.Devices[0], CancellationToken.None);

        Assert.Equal(new SmartReport("", "", "", "", null, null), report);
    }

    [Fact]
    public async Task DeviceIdAndRemote_LoopDevice_NoByIdLinkAndLocal()
    {
        var blocks = new HostBlockDevices(_runner, new HostStorageOptions { IncludeLoopDevices = true });

        Assert.Null(await blocks.GetDeviceIdAsync(_loops.Devices[0], CancellationToken.None));
        Assert.False(await blocks.IsRemoteAsync(_loops.Devices[0], CancellationToken.None));
    }

    [Fact]
    public async Task Wipe_LoopDevice_BytesAreGone()
    {
        var wiper = new HostDriveWiper(_runner);
        Assert.Contains((byte)0x5a, File.ReadAllBytes(_loops.Files[1]));

        await wiper.WipeAsync(_loops.Devices[1], CancellationToken.None);

        Assert.True(File.ReadAllBytes(_loops.Files[1]).AsSpan().IndexOfAnyExcept((byte)0) < 0);
        Assert.Contains((byte)0x5a, File.ReadAllBytes(_loops.Files[0]));
    }

    [Fact]
    public async Task Wipe_MissingDevice_FailsWithBlkdiscardsMessage()
    {
        var wiper = new HostDriveWiper(_runner);

        var ex = await Assert.ThrowsAsync<CommandFailedException>(
            () => wiper.WipeAsync("/dev/incus-test-missing", CancellationToken.None));

        Assert.StartsWith(
            "Failed to run: blkdiscard -f /dev/incus-test-missing: exit status 1 (blkdiscard: cannot open", ex.Message);
    }
}
