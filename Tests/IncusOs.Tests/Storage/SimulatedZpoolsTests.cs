using IncusOs.Providers.Process;
using IncusOs.Providers.Storage;

namespace IncusOs.Tests.Storage;

/// <summary>The ZFS rules of the simulated pools, and the messages the real zpool would print.</summary>
public sealed class SimulatedZpoolsTests : IDisposable
{
    private readonly TestMachine _machine = TestMachine.Create(freeDrives: 6);
    private readonly SimulatedZpools _zpools;

    public SimulatedZpoolsTests()
    {
        _zpools = new SimulatedZpools(_machine.Storage);
    }

    public void Dispose() => _machine.Dispose();

    private string Id(char letter) => _machine.IdOf("sd" + letter);

    private async Task CreateAsync(string pool, params string[] layout)
    {
        _machine.Keys.Create(pool);
        await _zpools.CreateAsync(pool, _machine.Keys.PathOf(pool), layout, CancellationToken.None);
    }

    private async Task<string> FailureAsync(Func<Task> action) =>
        (await Assert.ThrowsAsync<CommandFailedException>(action)).Stderr.Trim();

    private async Task<ZpoolInfo> StatusAsync(string pool) =>
        Assert.Single(await _zpools.GetStatusAsync(pool, CancellationToken.None));

    [Fact]
    public async Task Create_MirrorOfOne_Refused()
    {
        Assert.Equal(
            "invalid vdev specification: mirror requires at least 2 devices",
            await FailureAsync(() => CreateAsync("tank", "mirror", Id('b'))));
    }

    [Fact]
    public async Task Offline_LastHealthyMirrorMember_NoValidReplicas()
    {
        await CreateAsync("tank", "mirror", Id('b'), Id('c'));
        await _zpools.OfflineAsync("tank", Id('b'), CancellationToken.None);

        var message = await FailureAsync(() => _zpools.OfflineAsync("tank", Id('c'), CancellationToken.None));

        Assert.Equal($"cannot offline {Id('c')}: no valid replicas", message);
        Assert.Equal("DEGRADED", (await StatusAsync("tank")).State);
    }

    [Fact]
    public async Task Offline_Raidz2_TwoMembersAllowedNotThree()
    {
        await CreateAsync("tank", "raidz2", Id('b'), Id('c'), Id('d'), Id('e'));

        await _zpools.OfflineAsync("tank", Id('b'), CancellationToken.None);
        await _zpools.OfflineAsync("tank", Id('c'), CancellationToken.None);
        var message = await FailureAsync(() => _zpools.OfflineAsync("tank", Id('d'), CancellationToken.None));

        Assert.Equal($"cannot offline {Id('d')}: no valid replicas", message);
    }

    [Fact]
    public async Task Add_DiskToMirrorPool_MismatchedReplication()
    {
        await CreateAsync("tank", "mirror", Id('b'), Id('c'));

        var message = await FailureAsync(() => _zpools.AddAsync("tank", [Id('d')], CancellationToken.None));

        Assert.EndsWith("mismatched replication level: pool uses mirror and new vdev is disk", message);
    }

    [Fact]
    public async Task Replace_WithSmallerDrive_TooSmall()
    {
        await CreateAsync("tank", "mirror", Id('b'), Id('c'));
        _machine.ChangeDrive("sdd", d => d with { SizeBytes = 32L << 20 });

        var message = await FailureAsync(() => _zpools.ReplaceAsync("tank", Id('c'), Id('d'), CancellationToken.None));

        Assert.Equal($"cannot replace {Id('c')} with {Id('d')}: device is too small", message);
    }

    [Fact]
    public async Task Remove_TopLevelOfRaidzPool_InvalidConfig()
    {
        await CreateAsync("tank", "raidz1", Id('b'), Id('c'), Id('d'));

        var message = await FailureAsync(() => _zpools.RemoveAsync("tank", Id('b'), CancellationToken.None));

        Assert.Equal($"cannot remove {Id('b')}: operation not supported on this type of pool", message);
    }

    [Fact]
    public async Task FailingDrive_LeafFaulted_MirrorDegradedStripeFaulted()
    {
        await CreateAsync("tank", "mirror", Id('b'), Id('c'));
        await CreateAsync("scratch", Id('d'));

        _machine.ChangeDrive("sdc", d => d with { Failing = true });
        _machine.ChangeDrive("sdd", d => d with { Failing = true });

        var tank = await StatusAsync("tank");
        Assert.Equal(("DEGRADED", "FAULTED"), (tank.State, tank.Vdevs[0].Children[1].State));
        Assert.Equal("FAULTED", (await StatusAsync("scratch")).State);
    }

    [Fact]
    public async Task Status_MissingPool_NoSuchPool()
    {
        var ex = await Assert.ThrowsAsync<CommandFailedException>(
            () => _zpools.GetStatusAsync("nope", CancellationToken.None));

        Assert.Equal(
            "Failed to run: zpool status nope -j: exit status 1 (cannot open 'nope': no such pool)", ex.Message);
    }

    [Fact]
    public async Task Pools_SurviveAReopenOfTheMachine()
    {
        await CreateAsync("tank", "mirror", Id('b'), Id('c'), "log", Id('d'), "cache", Id('e'));

        var reopened = new SimulatedZpools(new SimulatedStorage(_machine.Machine));
        var pool = Assert.Single(await reopened.GetStatusAsync(null, CancellationToken.None));

        Assert.Equal(("mirror-0", 2), (pool.Vdevs[0].Name, pool.Vdevs[0].Children.Count));
        Assert.Equal(Path.GetFileName(Id('d')), pool.Logs[0].Name);
        Assert.Equal(Path.GetFileName(Id('e')), pool.Cache[0].Name);
    }
}
