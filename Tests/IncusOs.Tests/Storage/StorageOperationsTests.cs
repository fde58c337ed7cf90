using Akka.Event;
using IncusOs.Actors.Common;
using IncusOs.Actors.Storage;
using IncusOs.Providers;
using IncusOs.Providers.Storage;

namespace IncusOs.Tests.Storage;

/// <summary>The storage work and its guards against the simulated machine (ZFS rules included).</summary>
public sealed class StorageOperationsTests : IDisposable
{
    private readonly TestMachine _machine = TestMachine.Create();
    private readonly List<object> _events = [];
    private readonly StorageOperations _operations;
    private StorageState _saved = StorageState.Empty;

    public StorageOperationsTests()
    {
        _operations = new StorageOperations(
            new SimulatedBlockDevices(_machine.Storage),
            new SimulatedZpools(_machine.Storage),
            new SimulatedDriveWiper(_machine.Storage),
            _machine.Keys,
            NoLogger.Instance,
            _events.Add);
    }

    public void Dispose() => _machine.Dispose();

    private void Persist(StorageState state) => _saved = state;

    private static SystemStoragePool Pool(string name, string type, params string[] devices) =>
        new() { Name = name, Type = type, Devices = devices };

    private Task<StorageState> ApplyAsync(SystemStoragePool pool) =>
        _operations.ApplyAsync([pool], _saved, Persist, CancellationToken.None);

    private Task<StorageState> DestroyAsync(string name) =>
        _operations.DestroyAsync([name], _saved, Persist, CancellationToken.None);

    private async Task<SystemStoragePool> PoolAsync(string name) =>
        (await _operations.ScanAsync(CancellationToken.None)).State.Pools!.Single(p => p.Name == name);

    private async Task<string> RefusalAsync(Func<Task> action)
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(action);
        Assert.True(ex is StorageRefusal or ProviderException, ex.ToString());

        return ex.Message;
    }

    [Theory]
    [InlineData(PoolTypes.Raid0, 1, "zfs-raid0")]
    [InlineData(PoolTypes.Raid1, 2, "zfs-raid1")]
    [InlineData(PoolTypes.Raid10, 4, "zfs-raid10")]
    [InlineData(PoolTypes.Raidz1, 3, "zfs-raidz1")]
    [InlineData(PoolTypes.Raidz2, 4, "zfs-raidz2")]
    [InlineData(PoolTypes.Raidz3, 5, "zfs-raidz3")]
    public async Task Create_EachType_PoolOnlineWithKeyFile(string type, int count, string reported)
    {
        var devices = Enumerable.Range(0, count).Select(i => $"/dev/sd{(char)('b' + i)}").ToArray();

        await ApplyAsync(Pool("tank", type, devices));

        var pool = await PoolAsync("tank");
        Assert.Equal((reported, "ONLINE"), (pool.Type, pool.State));
        Assert.Equal(devices, pool.Devices!);
        var key = new FileInfo(_machine.Keys.PathOf("tank"));
        Assert.Equal(32, key.Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, key.UnixFileMode);
        Assert.Equal(new PoolEncryptionKeyCreated("tank"), Assert.Single(_events));
        Assert.Null(_saved.PendingCreate);
    }

    [Fact]
    public async Task Scan_PoolMembers_CarryTheirPoolName()
    {
        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdc"));

        var drives = (await _operations.ScanAsync(CancellationToken.None)).State.Drives!;

        Assert.Equal(["", "tank", "tank", "", "", "", ""], drives.Select(d => d.MemberPool ?? ""));
        Assert.True(drives[0].Boot);
        Assert.Equal(("Test family", "TEST DISK", "sat"), (drives[1].ModelFamily, drives[1].ModelName, drives[1].Bus));
    }

    public static TheoryData<SystemStoragePool, string> CreateRefusals => new()
    {
        { Pool("", PoolTypes.Raid0, "/dev/sdb"), "a name for the zpool must be provided" },
        { Pool("../etc", PoolTypes.Raid0, "/dev/sdb"), "invalid pool name '../etc'" },
        { Pool("-f", PoolTypes.Raid0, "/dev/sdb"), "invalid pool name '-f'" },
        { Pool("tank", "zfs-raid5", "/dev/sdb"), "unsupported pool type zfs-raid5" },
        { Pool("tank", PoolTypes.Raid1), "at least one device must be specified" },
        {
            Pool("tank", PoolTypes.Raid10, "/dev/sdb", "/dev/sdc"),
            "at least four devices must be specified when creating a raid10 pool"
        },
        {
            Pool("tank", PoolTypes.Raid10, "/dev/sdb", "/dev/sdc", "/dev/sdd", "/dev/sde", "/dev/sdf"),
            "an even number of devices must be specified when creating a raid10 pool"
        },
        {
            Pool("tank", PoolTypes.Raid1, "/dev/sda", "/dev/sdb"),
            "list of devices includes the system root drive /dev/sda, which can't be used in other zpools"
        },
        { Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdb"), "device /dev/sdb is listed more than once" },
        {
            Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdz"),
            "Failed to run: udevadm info -q symlink /dev/sdz: exit status 1 "
            + "(Unknown device \"/dev/sdz\": No such device)"
        },
    };

    [Theory]
    [MemberData(nameof(CreateRefusals))]
    public async Task Create_Refused_NothingCreated(SystemStoragePool pool, string message)
    {
        Assert.Equal(message, await RefusalAsync(() => ApplyAsync(pool)));

        Assert.Empty(_machine.Storage.Zfs.Pools);
        Assert.Empty(_machine.Keys.ReadAll());
    }

    [Fact]
    public async Task Create_RemoteDrive_Refused()
    {
        _machine.ChangeDrive("sdc", d => d with { Remote = true });

        var message = await RefusalAsync(() => ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdc")));

        Assert.Equal("cannot use remote device /dev/sdc as part of local zpool", message);
    }

    [Fact]
    public async Task Create_KeyFileAlreadyPresent_Refused()
    {
        File.WriteAllBytes(_machine.Keys.PathOf("tank"), new byte[32]);

        var message = await RefusalAsync(() => ApplyAsync(Pool("tank", PoolTypes.Raid0, "/dev/sdb")));

        Assert.Equal("encryption key for 'tank' already exists", message);
    }

    [Fact]
    public async Task Create_ZpoolFails_KeyFileRemoved()
    {
        _machine.ChangeDrive("sdc", d => d with { Failing = true });

        var message = await RefusalAsync(() => ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdc")));

        Assert.StartsWith("Failed to run: zpool create -o ashift=12 ", message);
        Assert.EndsWith($"(cannot open '{_machine.IdOf("sdc")}': Input/output error)", message);
        Assert.False(_machine.Keys.Exists("tank"));
        Assert.Null(_saved.PendingCreate);
    }

    [Fact]
    public async Task Create_MemberOfAnotherPool_RefusedByZfs()
    {
        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdc"));

        var message = await RefusalAsync(() => ApplyAsync(Pool("other", PoolTypes.Raid0, "/dev/sdc")));

        Assert.Contains($"{_machine.IdOf("sdc")}-part1 is part of active pool 'tank'", message);
        Assert.False(_machine.Keys.Exists("other"));
    }

    [Fact]
    public async Task Update_EmptySlotInMirror_OfflinesAndDegrades()
    {
        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdc"));

        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "", "/dev/sdc"));

        var pool = await PoolAsync("tank");
        Assert.Equal("DEGRADED", pool.State);
        Assert.Equal(["/dev/sdc"], pool.Devices!);
        Assert.Equal(["/dev/sdb"], pool.DevicesDegraded!);
    }

    [Fact]
    public async Task Update_OneExtraOnMirror_BringsOfflineMemberBack()
    {
        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdc"));
        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "", "/dev/sdc"));

        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdc", "/dev/sdb"));

        var pool = await PoolAsync("tank");
        Assert.Equal("ONLINE", pool.State);
        Assert.Equal(["/dev/sdb", "/dev/sdc"], pool.Devices!);
    }

    [Fact]
    public async Task Update_OneNewDeviceOnMirror_Refused()
    {
        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdc"));

        var message = await RefusalAsync(
            () => ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdc", "/dev/sdd")));

        Assert.Equal("adding to a mirror requires at least two devices", message);
    }

    [Fact]
    public async Task Update_DifferentPath_ReplacesAndWipesTheOldDevice()
    {
        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdc"));

        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdd"));

        Assert.Equal(["/dev/sdb", "/dev/sdd"], (await PoolAsync("tank")).Devices!);
        Assert.True(BackingFileIsZero("sdc"));
        Assert.False(BackingFileIsZero("sdd"));
    }

    [Fact]
    public async Task Update_TwoExtraOnMirror_AddsASecondMirrorAndReportsRaid10()
    {
        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdc"));

        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdc", "/dev/sdd", "/dev/sde"));

        var pool = await PoolAsync("tank");
        Assert.Equal(PoolTypes.Raid10, pool.Type);
        Assert.Equal(4, pool.Devices!.Count);
    }

    [Fact]
    public async Task Update_RaidzExpansion_OneAtATime()
    {
        await ApplyAsync(Pool("tank", PoolTypes.Raidz1, "/dev/sdb", "/dev/sdc", "/dev/sdd"));

        var message = await RefusalAsync(() => ApplyAsync(
            Pool("tank", PoolTypes.Raidz1, "/dev/sdb", "/dev/sdc", "/dev/sdd", "/dev/sde", "/dev/sdf")));
        await ApplyAsync(Pool("tank", PoolTypes.Raidz1, "/dev/sdb", "/dev/sdc", "/dev/sdd", "/dev/sde"));

        Assert.Equal(
            "expanding a pool by more than one device at a time isn't supported, due to necessary array resync",
            message);
        Assert.Equal(4, (await PoolAsync("tank")).Devices!.Count);
    }

    [Fact]
    public async Task Update_RaidzOfflinedMemberListedAgain_IsBroughtOnline()
    {
        await ApplyAsync(Pool("tank", PoolTypes.Raidz1, "/dev/sdb", "/dev/sdc", "/dev/sdd"));
        await ApplyAsync(Pool("tank", PoolTypes.Raidz1, "/dev/sdb", "", "/dev/sdd"));

        await ApplyAsync(Pool("tank", PoolTypes.Raidz1, "/dev/sdb", "/dev/sdd", "/dev/sdc"));

        Assert.Equal(("ONLINE", 3), ((await PoolAsync("tank")).State, (await PoolAsync("tank")).Devices!.Count));
    }

    [Fact]
    public async Task Update_FewerDevicesThanOnline_Refused()
    {
        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdc"));

        var message = await RefusalAsync(() => ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb")));

        Assert.Equal("only 1 devices provided in update, expected at least 2", message);
    }

    [Fact]
    public async Task Update_LogAndCacheAdded_ThenLogRemoved()
    {
        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdc"));

        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdc") with
        {
            Log = ["/dev/sdd"], Cache = ["/dev/sde"],
        });
        var withBoth = await PoolAsync("tank");
        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdc") with
        {
            Log = [""], Cache = ["/dev/sde"],
        });

        Assert.Equal(["/dev/sdd"], withBoth.Log!);
        Assert.Equal(["/dev/sde"], withBoth.Cache!);
        Assert.Empty((await PoolAsync("tank")).Log!);
        Assert.True(BackingFileIsZero("sdd"));
    }

    [Fact]
    public async Task Update_LocalPool_Refused()
    {
        await _operations.StartAsync(StorageState.Empty, Persist, CancellationToken.None);

        var message = await RefusalAsync(() => ApplyAsync(Pool("local", PoolTypes.Raid0, "/dev/sda11")));

        Assert.Equal("cannot update special zpool 'local'", message);
    }

    [Fact]
    public async Task Start_CreatesLocalOnTheBootDataPartitionOnce()
    {
        await _operations.StartAsync(StorageState.Empty, Persist, CancellationToken.None);
        await _operations.StartAsync(StorageState.Empty, Persist, CancellationToken.None);

        var local = await PoolAsync("local");
        Assert.Equal((PoolTypes.Raid0, "/dev/sda11"), (local.Type, local.Devices!.Single()));
        Assert.True(_machine.Keys.Exists("local"));
    }

    [Fact]
    public async Task Start_InterruptedCreate_RemovesItsKeyFile()
    {
        _machine.Keys.Create("tank");

        var state = await _operations.StartAsync(
            StorageState.Empty with { PendingCreate = "tank" }, Persist, CancellationToken.None);

        Assert.False(_machine.Keys.Exists("tank"));
        Assert.Null(state.PendingCreate);
    }

    [Fact]
    public async Task Destroy_Pool_RemovesKeyAndWipesMembers()
    {
        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdc"));
        Assert.False(BackingFileIsZero("sdb"));

        await _operations.DestroyAsync(["tank"], _saved, Persist, CancellationToken.None);

        Assert.Empty(_machine.Storage.Zfs.Pools);
        Assert.False(_machine.Keys.Exists("tank"));
        Assert.True(BackingFileIsZero("sdb") && BackingFileIsZero("sdc"));
        Assert.Empty(_saved.PendingDestroys);
    }

    [Fact]
    public async Task Destroy_MemberWipeFails_NextDestroyFinishes()
    {
        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdc"));
        _machine.ChangeDrive("sdc", d => d with { Failing = true });

        var message = await RefusalAsync(() => DestroyAsync("tank"));
        var pending = _saved.FindDestroy("tank");
        _machine.ChangeDrive("sdc", d => d with { Failing = false });
        await _operations.DestroyAsync(["tank"], _saved, Persist, CancellationToken.None);

        Assert.Equal(
            "Failed to run: blkdiscard -f /dev/sdc: exit status 1 "
            + "(blkdiscard: /dev/sdc: BLKDISCARD ioctl failed: Input/output error)",
            message);
        Assert.Equal(["/dev/sdc"], pending!.Members);
        Assert.Empty(_saved.PendingDestroys);
        Assert.True(BackingFileIsZero("sdc"));
    }

    [Fact]
    public async Task Destroy_FinishedLater_SparesAMemberNowInAnotherPool()
    {
        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdc"));
        _machine.ChangeDrive("sdc", d => d with { Failing = true });
        await RefusalAsync(() => DestroyAsync("tank"));
        _machine.ChangeDrive("sdc", d => d with { Failing = false });

        await ApplyAsync(Pool("other", PoolTypes.Raid0, "/dev/sdc"));
        await DestroyAsync("tank");

        Assert.False(BackingFileIsZero("sdc"));
        Assert.Equal("other", (await PoolAsync("other")).Name);
        Assert.Empty(_saved.PendingDestroys);
    }

    [Fact]
    public async Task Create_KeyLeftByAnInterruptedDestroy_IsReplaced()
    {
        await ApplyAsync(Pool("tank", PoolTypes.Raid0, "/dev/sdb"));
        var oldKey = File.ReadAllBytes(_machine.Keys.PathOf("tank"));
        _saved = _saved.WithDestroy(new PendingDestroy { Pool = "tank", Members = ["/dev/sdb"] });
        await new SimulatedZpools(_machine.Storage).DestroyAsync("tank", CancellationToken.None);

        await ApplyAsync(Pool("tank", PoolTypes.Raid0, "/dev/sdc"));

        Assert.NotEqual(oldKey, File.ReadAllBytes(_machine.Keys.PathOf("tank")));
        Assert.Equal(["/dev/sdc"], (await PoolAsync("tank")).Devices!);
    }

    [Fact]
    public async Task Destroy_LocalOrMissing_Refused()
    {
        var local = await RefusalAsync(() => DestroyAsync("local"));
        var missing = await RefusalAsync(() => DestroyAsync("nope"));

        Assert.Equal("cannot destroy special zpool 'local'", local);
        Assert.Equal("Failed to run: zpool status nope -j: exit status 1 (cannot open 'nope': no such pool)", missing);
    }

    [Fact]
    public async Task Wipe_Guards_RefuseBootRemoteMemberAndUnknown()
    {
        await ApplyAsync(Pool("tank", PoolTypes.Raid1, "/dev/sdb", "/dev/sdc"));
        _machine.ChangeDrive("sdd", d => d with { Remote = true });

        Assert.Equal("cannot wipe boot drive", await RefusalAsync(() => _operations.WipeAsync("/dev/sda", default)));
        Assert.Equal("cannot wipe remote drive", await RefusalAsync(() => _operations.WipeAsync("/dev/sdd", default)));
        Assert.Equal(
            "cannot wipe drive belonging to pool 'tank'",
            await RefusalAsync(() => _operations.WipeAsync("/dev/sdb", default)));
        Assert.Equal(
            "drive '/dev/sdz' doesn't exist", await RefusalAsync(() => _operations.WipeAsync("/dev/sdz", default)));
        Assert.Equal(
            $"drive '{_machine.IdOf("sde")}' doesn't exist",
            await RefusalAsync(() => _operations.WipeAsync(_machine.IdOf("sde"), default)));
    }

    [Fact]
    public async Task Wipe_FreeDrive_DiscardsItsBytes()
    {
        var file = _machine.Storage.BackingFile(_machine.Drive("sde"));
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write))
        {
            stream.Position = 40 << 20;
            stream.Write(Enumerable.Repeat((byte)0xab, 1 << 20).ToArray());
        }

        await _operations.WipeAsync("/dev/sde", CancellationToken.None);

        Assert.True(BackingFileIsZero("sde"));
        Assert.Equal(64L << 20, new FileInfo(file).Length);
    }

    private bool BackingFileIsZero(string drive)
    {
        var bytes = File.ReadAllBytes(_machine.Storage.BackingFile(_machine.Drive(drive)));

        return bytes.AsSpan().IndexOfAnyExcept((byte)0) < 0;
    }
}
