using Akka.Actor;
using Akka.Hosting;
using Akka.TestKit.Xunit2;
using IncusOs.Actors.Common;
using IncusOs.Actors.Storage;
using IncusOs.Actors.Supervision;
using IncusOs.Providers.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncusOs.Tests.Storage;

public sealed class StorageActorTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly TestMachine _machine = TestMachine.Create();
    private readonly OverlapDetector _detector = new();
    private readonly GatedWiper _wiper;
    private readonly StorageSettings _settings;

    public StorageActorTests()
    {
        _wiper = new GatedWiper(new SimulatedDriveWiper(_machine.Storage), _detector);
        _settings = new StorageSettings(Path.Combine(_machine.Directory, "storage.json"));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _machine.Dispose();
    }

    private IActorRef StartActor() => Sys.ActorOf(CreateProps());

    private Props CreateProps() =>
        Props.Create(() => new StorageActor(
            new SimulatedBlockDevices(_machine.Storage),
            new RecordingZpools(new SimulatedZpools(_machine.Storage), _detector),
            _wiper,
            _machine.Keys,
            _settings,
            new ActorTimeouts(),
            NullLoggerFactory.Instance));

    private static StorageActor.ApplyPools Mirror(string name, params string[] devices) =>
        new([new SystemStoragePool { Name = name, Type = PoolTypes.Raid1, Devices = devices }]);

    [Fact]
    public async Task Start_CreatesLocalPoolBeforeTheFirstMutation()
    {
        var actor = StartActor();

        actor.Tell(Mirror("tank", "/dev/sdb", "/dev/sdc"));
        await ExpectMsgAsync<Done>(Wait);

        Assert.Equal(["import", "create local", "create tank"], _detector.Log);
    }

    [Fact]
    public async Task WipeDrive_ManyQueued_RunOneAtATimeInArrivalOrder()
    {
        var actor = StartActor();
        var drives = new[] { "/dev/sdb", "/dev/sdc", "/dev/sdd", "/dev/sde", "/dev/sdf" };
        var probes = drives.Select(_ => CreateTestProbe()).ToList();

        for (var i = 0; i < drives.Length; i++)
        {
            actor.Tell(new StorageActor.WipeDrive(drives[i]), probes[i]);
        }

        _wiper.Release(drives.Length);
        foreach (var probe in probes)
        {
            await probe.ExpectMsgAsync<Done>(Wait);
        }

        Assert.Equal(1, _detector.MaxConcurrent);
        Assert.Equal(drives.Select(d => "wipe " + d), _detector.Log.Where(l => l.StartsWith("wipe ")));
    }

    [Fact]
    public async Task GetStorage_DuringLongWipe_AnsweredAtOnce()
    {
        var actor = StartActor();
        var wiping = CreateTestProbe();
        actor.Tell(new StorageActor.WipeDrive("/dev/sdb"), wiping);
        await _wiper.Entered.WaitAsync(Wait);

        actor.Tell(StorageActor.GetStorage.Instance);
        var storage = await ExpectMsgAsync<SystemStorage>(Wait);

        Assert.Equal(7, storage.State.Drives!.Count);
        Assert.False(wiping.HasMessages);
        _wiper.Release();
        await wiping.ExpectMsgAsync<Done>(Wait);
    }

    [Fact]
    public async Task Mutation_WhileBusy_RunsAndIsAnsweredAfterTheCurrentOperation()
    {
        var actor = StartActor();
        var wiping = CreateTestProbe();
        var creating = CreateTestProbe();
        actor.Tell(new StorageActor.WipeDrive("/dev/sdd"), wiping);
        await _wiper.Entered.WaitAsync(Wait);

        actor.Tell(Mirror("tank", "/dev/sdb", "/dev/sdc"), creating);
        actor.Tell(StorageActor.GetStorage.Instance);
        var during = await ExpectMsgAsync<SystemStorage>(Wait);
        _wiper.Release();
        await wiping.ExpectMsgAsync<Done>(Wait);
        await creating.ExpectMsgAsync<Done>(Wait);

        Assert.DoesNotContain(during.State.Pools!, p => p.Name == "tank");
        Assert.Equal(["wipe /dev/sdd", "create tank"], _detector.Log.Where(l => l != "import" && l != "create local"));
        Assert.Equal(1, _detector.MaxConcurrent);
    }

    [Fact]
    public async Task Refusal_IsAnsweredAsBadRequestAndTheNextOperationRuns()
    {
        var actor = StartActor();

        actor.Tell(new StorageActor.WipeDrive("/dev/sda"));
        var rejection = await ExpectMsgAsync<Rejection>(Wait);
        actor.Tell(Mirror("tank", "/dev/sdb", "/dev/sdc"));
        await ExpectMsgAsync<Done>(Wait);

        Assert.Equal(Rejection.BadRequest("cannot wipe boot drive"), rejection);
    }

    [Fact]
    public async Task Reboot_DuringAWipe_ClientAnsweredAndTheRestartedActorServes()
    {
        var registry = new ActorRegistry();
        var spec = new AreaActorSpec(typeof(StorageActor), "storage", _ => CreateProps());
        var root = Sys.ActorOf(Props.Create(() => new RootSupervisor(new[] { spec }, registry)));
        IActorRef? actor = null;
        await AwaitAssertAsync(() => Assert.True(registry.TryGet(typeof(StorageActor), out actor)));

        actor!.Tell(new StorageActor.WipeDrive("/dev/sdb"));
        await _wiper.Entered.WaitAsync(Wait);
        root.Tell(RootSupervisor.RestartAreas.Instance);
        var interrupted = await ExpectMsgAsync<Rejection>(Wait);
        _wiper.Release();
        actor.Tell(new StorageActor.WipeDrive("/dev/sdc"));
        await ExpectMsgAsync<Done>(Wait);

        Assert.Equal(
            Rejection.Unavailable("storage wipe of /dev/sdb was interrupted by a restart of the storage subsystem"),
            interrupted);
    }

    [Fact]
    public async Task Restart_ReloadsAHalfFinishedDestroyAndTheNextDeleteFinishesIt()
    {
        var first = StartActor();
        first.Tell(Mirror("tank", "/dev/sdb", "/dev/sdc"));
        await ExpectMsgAsync<Done>(Wait);
        _machine.ChangeDrive("sdc", d => d with { Failing = true });
        _wiper.Release(2);
        first.Tell(new StorageActor.DestroyPools(["tank"]));
        var failed = await ExpectMsgAsync<Rejection>(Wait);
        await WatchAsync(first);
        first.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(first, Wait);

        _machine.ChangeDrive("sdc", d => d with { Failing = false });
        var second = StartActor();
        _wiper.Release();
        second.Tell(new StorageActor.DestroyPools(["tank"]));
        await ExpectMsgAsync<Done>(Wait);

        Assert.Contains("BLKDISCARD ioctl failed", failed.Message);
        Assert.Equal(2, _detector.Log.Count(l => l == "wipe /dev/sdc"));
        Assert.Single(_detector.Log, l => l == "destroy tank");
        Assert.Contains("\"pending_destroys\": []", File.ReadAllText(_settings.StateFile));
    }
}
