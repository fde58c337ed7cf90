using Akka.Actor;
using Akka.Hosting;
using IncusOs.Actors.Common;
using IncusOs.Actors.Machine;
using IncusOs.Actors.Update;
using IncusOs.Providers.Machine;
using IncusOs.Providers.Simulation;
using IncusOs.Providers.Update;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;

namespace IncusOs.Tests.Update;

/// <summary>The update actor's timer, its one-check-at-a-time rule, its state file and its supervision.</summary>
public sealed class UpdateActorTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly string _directory = Directory.CreateTempSubdirectory("incus-osd-update-actor-").FullName;
    private readonly SimulatedMachine _machine;
    private readonly ScriptedSourceFactory _factory = new(new ScriptedUpdateSource());
    private readonly ActorRegistry _registry = new();
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero));

    public UpdateActorTests()
    {
        _machine = SimulatedMachine.OpenOrCreate(Path.Combine(_directory, "state"));
    }

    private string StateFile => Path.Combine(_directory, "state", "update.json");

    private ScriptedUpdateSource Source => _factory.Source;

    [Fact]
    public async Task StartupTimer_Fires_CheckRecorded()
    {
        var actor = Start(startupDelay: TimeSpan.FromMilliseconds(20));

        await AwaitStatusAsync(actor, UpdateStatus.Completed);

        var update = await GetAsync(actor);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, update.State.LastCheck);
        Assert.Equal(1, Source.Passes);
    }

    [Fact]
    public async Task CheckNow_WhileChecking_AnsweredAtOnceAndCoalescedIntoOneMore()
    {
        Source.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Start();

        Assert.Same(Done.Instance, await actor.Ask<object>(UpdateActor.CheckNow.Instance, Wait));
        await AwaitAssertAsync(() => Assert.Equal(1, Source.Running), Wait);
        var during = await GetAsync(actor);
        var replies = new List<object>();
        for (var i = 0; i < 3; i++)
        {
            replies.Add(await actor.Ask<object>(UpdateActor.CheckNow.Instance, Wait));
        }

        Source.Gate.SetResult();

        await AwaitStatusAsync(actor, UpdateStatus.Completed);
        await AwaitAssertAsync(() => Assert.Equal(2, Source.Passes), Wait);
        Assert.Equal(UpdateStatus.Running, during.State.UpdateStatus);
        Assert.All(replies, r => Assert.Same(Done.Instance, r));
        Assert.Equal(1, Source.MaxRunning);
    }

    [Fact]
    public async Task PeriodicTimer_FrequencyElapsed_PeriodicCheckHonoursWindows()
    {
        var actor = Start(startupDelay: TimeSpan.FromMilliseconds(20));
        var window = new SystemUpdateMaintenanceWindow { StartHour = 1, EndHour = 2 };
        var config = new SystemUpdateConfig { MaintenanceWindows = [window] };
        await actor.Ask<object>(new UpdateActor.ReplaceConfig(config), Wait);
        await AwaitStatusAsync(actor, UpdateStatus.Completed);

        _time.Advance(TimeSpan.FromHours(6));

        await AwaitStatusAsync(actor, UpdateStatus.OutsideWindow);
        Assert.Equal(1, Source.Passes);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, (await GetAsync(actor)).State.LastCheck);
    }

    [Fact]
    public async Task ReplaceConfig_Invalid_RejectedAndUnchanged()
    {
        var actor = Start();
        var before = await GetAsync(actor);
        var bad = new SystemUpdateConfig
        {
            AutoReboot = true,
            MaintenanceWindows = [new SystemUpdateMaintenanceWindow { StartDayOfWeek = "Monday", StartHour = 1 }],
        };

        var reply = await actor.Ask<object>(new UpdateActor.ReplaceConfig(bad), Wait);

        var rejection = Assert.IsType<Rejection>(reply);
        Assert.Equal(ErrorKind.BadRequest, rejection.Kind);
        Assert.Equal(
            "invalid migration window: both StartDayOfWeek and EndDayOfWeek must be provided", rejection.Message);
        Assert.Equal(before.Config, (await GetAsync(actor)).Config);
    }

    [Fact]
    public async Task Restart_StateFile_ConfigAndStatusReloaded()
    {
        var actor = Start();
        var config = new SystemUpdateConfig { UpdateFrequency = 43_200_000_000_000, AutoReboot = true };
        await actor.Ask<object>(new UpdateActor.ReplaceConfig(config), Wait);
        await actor.Ask<object>(UpdateActor.CheckNow.Instance, Wait);
        await AwaitStatusAsync(actor, UpdateStatus.Completed);
        Watch(actor);
        actor.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(actor);

        var restarted = Start();
        var update = await GetAsync(restarted);

        Assert.Equal(43_200_000_000_000, update.Config.UpdateFrequency);
        Assert.True(update.Config.AutoReboot);
        Assert.Equal(UpdateStatus.Completed, update.State.UpdateStatus);
        Assert.Equal(DateTime.MinValue, update.State.LastCheck);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Start_NeedsRebootFromEarlierBoot_ClearedOnlyAfterReboot(bool sameBoot, bool expected)
    {
        var saved = new UpdateActorState
        {
            NeedsReboot = true, BootId = sameBoot ? _machine.Document.CurrentBoot.Id : "an-earlier-boot",
        };
        await File.WriteAllTextAsync(StateFile, JsonConvert.SerializeObject(saved, WireJson.Settings));

        var update = await GetAsync(Start());

        Assert.Equal(expected, update.State.NeedsReboot);
    }

    [Fact]
    public async Task Check_ProviderThrowsUnexpectedly_ActorRestartedWithStatusReported()
    {
        Source.Failure = new InvalidOperationException("the provider broke");
        var actor = Start();

        await actor.Ask<object>(UpdateActor.CheckNow.Instance, Wait);

        await AwaitAssertAsync(() => Assert.Equal(2, _factory.Creates), Wait);
        var update = await GetAsync(actor);
        Assert.Equal(UpdateStatus.ApplicationsFailed, update.State.UpdateStatus);
        Assert.Equal(DateTime.MinValue, update.State.LastCheck);
    }

    [Fact]
    public async Task Check_OsInstalledWithAutoReboot_SystemActorAskedToReboot()
    {
        var system = CreateTestProbe();
        _registry.Register<SystemActor>(system.Ref);
        Source.Inner = PublishLocalRelease("202601010000");
        var actor = Start();
        await actor.Ask<object>(new UpdateActor.ReplaceConfig(new SystemUpdateConfig { AutoReboot = true }), Wait);

        await actor.Ask<object>(UpdateActor.CheckNow.Instance, Wait);

        var reboot = await system.ExpectMsgAsync<SystemActor.PerformPowerAction>(Wait);
        Assert.Equal(PowerAction.Reboot, reboot.Action);
        var update = await GetAsync(actor);
        Assert.True(update.State.NeedsReboot);
        Assert.Equal("IncusOS has been updated to version 202601010000", update.State.UpdateStatus);
        Assert.Equal("202601010000", _machine.Document.Os.NextVersion);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private LocalSource PublishLocalRelease(string version)
    {
        var directory = Path.Combine(_directory, "updates");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "RELEASE"), version + "\n");
        File.WriteAllText(Path.Combine(directory, $"IncusOS_{version}.efi"), "uki");
        File.WriteAllText(Path.Combine(directory, $"IncusOS_{version}.usr-x86-64.0000.raw"), "usr");

        return new LocalSource(directory, "IncusOS");
    }

    private IActorRef Start(TimeSpan? startupDelay = null)
    {
        var settings = new UpdateActorSettings
        {
            StateFile = StateFile,
            StartupCheckDelay = startupDelay ?? TimeSpan.FromHours(1),
            MaxTimerDelay = TimeSpan.FromMilliseconds(50),
        };
        var target = new SimulatedUpdateTarget(_machine);
        var downloader = new UpdateDownloader(TimeSpan.FromSeconds(5));

        return Sys.ActorOf(Props.Create(() => new UpdateActor(
            _factory, target, downloader, settings, _registry, NullLoggerFactory.Instance, _time)));
    }

    private Task AwaitStatusAsync(IActorRef actor, string status) =>
        AwaitAssertAsync(async () => Assert.Equal(status, (await GetAsync(actor)).State.UpdateStatus), Wait);

    private static Task<SystemUpdate> GetAsync(IActorRef actor) =>
        actor.Ask<SystemUpdate>(UpdateActor.GetUpdate.Instance, Wait);
}
