using Akka.Event;
using IncusOs.Actors.Storage;
using IncusOs.Providers.Process;
using IncusOs.Providers.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncusOs.Tests.Storage;

/// <summary>
/// A pool create and destroy through the host providers: boot and remote detection on a made-up
/// sysfs, <c>udevadm</c>, <c>zpool</c> and <c>blkdiscard</c> as recording executables.
/// </summary>
[Collection(PathCollection.Name)]
public sealed class HostStorageFlowTests : IDisposable
{
    private readonly RecordingCommands _commands = new();
    private readonly FakeSysfs _sysfs = new();
    private readonly PoolKeyFiles _keys;
    private readonly StorageOperations _operations;

    public HostStorageFlowTests()
    {
        var runner = new ProcessRunner(NullLogger<ProcessRunner>.Instance);
        _keys = new PoolKeyFiles(_commands.Directory);
        _operations = new StorageOperations(
            new HostBlockDevices(runner, _sysfs.Options), new HostZpools(runner), new HostDriveWiper(runner), _keys,
            NoLogger.Instance, _ => { });
    }

    public void Dispose()
    {
        _commands.Dispose();
        _sysfs.Dispose();
    }

    private string CreateArgs(string layout) =>
        "create -o ashift=12 -O mountpoint=none -O encryption=aes-256-gcm -O keyformat=raw "
        + $"-O keylocation=file://{_keys.PathOf("tank")} tank {layout}";

    private Task<StorageState> CreateAsync(params string[] devices) =>
        _operations.ApplyAsync(
            [new SystemStoragePool { Name = "tank", Type = PoolTypes.Raid1, Devices = devices }],
            StorageState.Empty, _ => { }, CancellationToken.None);

    [Fact]
    public async Task Create_Mirror_TranslatesToByIdAndRunsTheExactCommands()
    {
        _commands.On("zpool", "status tank", exit: 1, stderr: "cannot open 'tank': no such pool")
            .On(
                "udevadm", "info -q symlink /dev/sdb",
                stdout: "disk/by-path/pci-0000:00:1f.2-ata-2 disk/by-id/ata-B disk/by-id/wwn-0x1\n")
            .On(
                "udevadm", "info -q symlink /dev/nvme0n1",
                stdout: "disk/by-id/nvme-N disk/by-path/pci-0000:00:04.0-nvme-1\n")
            .On("zpool", CreateArgs("mirror /dev/disk/by-id/ata-B /dev/disk/by-id/nvme-N"));

        await CreateAsync("/dev/sdb", "/dev/nvme0n1");

        Assert.Equal(
            [
                // PUT asks whether the pool exists; the create procedure checks again for itself.
                "zpool status tank", "zpool status tank",
                "udevadm info -q symlink /dev/sdb", "udevadm info -q symlink /dev/nvme0n1",
                "zpool " + CreateArgs("mirror /dev/disk/by-id/ata-B /dev/disk/by-id/nvme-N"),
            ],
            _commands.Calls);
        var key = new FileInfo(_keys.PathOf("tank"));
        Assert.Equal((32L, UnixFileMode.UserRead | UnixFileMode.UserWrite), (key.Length, key.UnixFileMode));
    }

    [Fact]
    public async Task Create_ZpoolFails_KeyFileRemovedAndStderrReported()
    {
        _commands.On("zpool", "status tank", exit: 1)
            .On("udevadm", "info -q symlink /dev/sdb", stdout: "disk/by-id/ata-B\n")
            .On("udevadm", "info -q symlink /dev/nvme0n1", stdout: "disk/by-id/nvme-N\n")
            .On("zpool", CreateArgs("mirror /dev/disk/by-id/ata-B /dev/disk/by-id/nvme-N"), exit: 1,
                stderr: "invalid vdev specification\nuse '-f' to override the following errors:\n"
                + "/dev/disk/by-id/nvme-N-part1 is part of active pool 'other'\n");

        var ex = await Assert.ThrowsAsync<CommandFailedException>(() => CreateAsync("/dev/sdb", "/dev/nvme0n1"));

        Assert.EndsWith("exit status 1 (invalid vdev specification\nuse '-f' to override the following errors:\n"
            + "/dev/disk/by-id/nvme-N-part1 is part of active pool 'other')", ex.Message);
        Assert.False(_keys.Exists("tank"));
    }

    [Theory]
    [InlineData("/dev/sdc")]
    [InlineData("/dev/nvme1n1")]
    public async Task Create_RemoteDisk_Refused(string remote)
    {
        _commands.On("zpool", "status tank", exit: 1)
            .On("udevadm", "info -q symlink /dev/sdb", stdout: "disk/by-id/ata-B\n");

        var ex = await Assert.ThrowsAsync<StorageRefusal>(() => CreateAsync("/dev/sdb", remote));

        Assert.Equal($"cannot use remote device {remote} as part of local zpool", ex.Message);
    }

    [Fact]
    public async Task Create_BootDisk_Refused()
    {
        _commands.On("zpool", "status tank", exit: 1);

        var ex = await Assert.ThrowsAsync<StorageRefusal>(() => CreateAsync("/dev/sda", "/dev/sdb"));

        Assert.Equal(
            "list of devices includes the system root drive /dev/sda, which can't be used in other zpools", ex.Message);
    }

    [Fact]
    public async Task Create_NoByIdLink_Refused()
    {
        _commands.On("zpool", "status tank", exit: 1)
            .On("udevadm", "info -q symlink /dev/sdb", stdout: "disk/by-path/pci-0000:00:1f.2-ata-2\n");

        var ex = await Assert.ThrowsAsync<StorageRefusal>(() => CreateAsync("/dev/sdb", "/dev/nvme0n1"));

        Assert.Equal("unable to determine device ID for /dev/sdb", ex.Message);
    }

    [Fact]
    public async Task Destroy_MembersCannotBeResolved_NothingIsDestroyed()
    {
        _commands.On("zpool", "status tank", exit: 0)
            .On("zpool", "status tank -j", stdout: ZpoolStatusParserTests.BuiltMirrorWithLogAndCache);

        var ex = await Assert.ThrowsAsync<IncusOs.Providers.ProviderException>(
            () => _operations.DestroyAsync(["tank"], StorageState.Empty, _ => { }, CancellationToken.None));

        Assert.Equal("readlink /dev/disk/by-id/ata-DISK_A: no such file or directory", ex.Message);
        Assert.DoesNotContain(_commands.Calls, c => c.StartsWith("zpool destroy", StringComparison.Ordinal));
    }
}
