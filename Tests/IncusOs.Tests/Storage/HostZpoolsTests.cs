using IncusOs.Providers.Process;
using IncusOs.Providers.Storage;
using IncusOs.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncusOs.Tests.Storage;

/// <summary>
/// The host ZFS provider against recording <c>zpool</c>/<c>zfs</c> executables (ZFS itself cannot run
/// here: no kernel module). They check the exact argument vectors and print the fixtures.
/// </summary>
[Collection(PathCollection.Name)]
public sealed class HostZpoolsTests : IDisposable
{
    private readonly RecordingCommands _commands = new();
    private readonly HostZpools _zpools = new(new ProcessRunner(NullLogger<ProcessRunner>.Instance));

    public void Dispose() => _commands.Dispose();

    [Fact]
    public async Task GetStatus_AllPools_RunsStatusJAndParsesTheFixture()
    {
        var fixture = TestPaths.Fixture("zfs", "zpool-status-j-c-raidz1-with-dedup-mirror-and-special-online.json");
        _commands.On("zpool", "status -j", stdoutFile: fixture);

        var pools = await _zpools.GetStatusAsync(null, CancellationToken.None);

        Assert.Equal("raidz1-0", Assert.Single(Assert.Single(pools).Vdevs).Name);
        Assert.Equal(["zpool status -j"], _commands.Calls);
    }

    [Fact]
    public async Task GetStatus_OnePool_RunsNameBeforeJ()
    {
        _commands.On("zpool", "status tank -j", stdout: ZpoolStatusParserTests.BuiltMirrorWithLogAndCache);

        var pool = Assert.Single(await _zpools.GetStatusAsync("tank", CancellationToken.None));

        Assert.Equal("DEGRADED", pool.State);
    }

    [Fact]
    public async Task Exists_ExitStatusDecides()
    {
        _commands.On("zpool", "status tank")
            .On("zpool", "status nope", exit: 1, stderr: "cannot open 'nope': no such pool\n");

        Assert.True(await _zpools.ExistsAsync("tank", CancellationToken.None));
        Assert.False(await _zpools.ExistsAsync("nope", CancellationToken.None));
    }

    [Fact]
    public async Task Create_ArgumentVector_IsTheReferences()
    {
        const string expected =
            "create -o ashift=12 -O mountpoint=none -O encryption=aes-256-gcm -O keyformat=raw "
            + "-O keylocation=file:///var/lib/incus-os/zpool.tank.key tank mirror /dev/disk/by-id/a /dev/disk/by-id/b "
            + "log /dev/disk/by-id/c";
        _commands.On("zpool", expected);

        await _zpools.CreateAsync(
            "tank", "/var/lib/incus-os/zpool.tank.key",
            ["mirror", "/dev/disk/by-id/a", "/dev/disk/by-id/b", "log", "/dev/disk/by-id/c"], CancellationToken.None);

        Assert.Equal(["zpool " + expected], _commands.Calls);
    }

    [Fact]
    public async Task Destroy_Failure_CarriesStderrInTheReferenceForm()
    {
        _commands.On("zpool", "destroy tank", exit: 1, stderr: "cannot open 'tank': no such pool\n");

        var ex = await Assert.ThrowsAsync<CommandFailedException>(
            () => _zpools.DestroyAsync("tank", CancellationToken.None));

        Assert.Equal("Failed to run: zpool destroy tank: exit status 1 (cannot open 'tank': no such pool)", ex.Message);
    }

    [Fact]
    public async Task DeviceChanges_ArgumentVectors_AreTheReferences()
    {
        _commands.On("zpool", "offline tank /dev/disk/by-id/a").On("zpool", "online tank /dev/disk/by-id/a")
            .On("zpool", "remove tank /dev/disk/by-id/b")
            .On("zpool", "replace tank /dev/disk/by-id/b /dev/disk/by-id/c")
            .On("zpool", "add tank mirror /dev/disk/by-id/d /dev/disk/by-id/e")
            .On("zpool", "attach tank raidz1-0 /dev/disk/by-id/f").On("zpool", "import -a")
            .On("zfs", "load-key -a", stdout: "2 / 2 keys successfully loaded\n");

        await _zpools.OfflineAsync("tank", "/dev/disk/by-id/a", default);
        await _zpools.OnlineAsync("tank", "/dev/disk/by-id/a", default);
        await _zpools.RemoveAsync("tank", "/dev/disk/by-id/b", default);
        await _zpools.ReplaceAsync("tank", "/dev/disk/by-id/b", "/dev/disk/by-id/c", default);
        await _zpools.AddAsync("tank", ["mirror", "/dev/disk/by-id/d", "/dev/disk/by-id/e"], default);
        await _zpools.AttachAsync("tank", "raidz1-0", "/dev/disk/by-id/f", default);
        await _zpools.ImportAllAsync(default);
        await _zpools.LoadAllKeysAsync(default);

        Assert.Equal(8, _commands.Calls.Count);
        Assert.DoesNotContain(_commands.Calls, c => c.Contains("unexpected"));
    }
}
