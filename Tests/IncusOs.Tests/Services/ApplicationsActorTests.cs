using Akka.Actor;
using Akka.TestKit.Xunit2;
using IncusOs.Actors.Applications;
using IncusOs.Actors.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;

namespace IncusOs.Tests.Services;

public sealed class ApplicationsActorTests : TestKit
{
    private readonly string _directory = Directory.CreateTempSubdirectory("incus-osd-apps-").FullName;
    private readonly RecordingHooks _hooks = new();

    private string StateFile => Path.Combine(_directory, "applications.json");

    [Fact]
    public async Task ApplicationUpdated_NewName_ListedStartedAndInitialized()
    {
        var actor = Sys.ActorOf(Props());
        actor.Tell(ApplicationsActor.GetApplications.Instance);
        Assert.Empty(await ExpectMsgAsync<List<string>>());

        Sys.EventStream.Publish(new ApplicationUpdated("incus", "202512011200"));

        await AwaitAssertAsync(async () =>
        {
            actor.Tell(new ApplicationsActor.GetApplication("incus"));
            var app = await ExpectMsgAsync<ApplicationDocument>();
            Assert.Equal(new ApplicationState { Initialized = true, Version = "202512011200" }, app.State);
        });
        actor.Tell(ApplicationsActor.GetApplications.Instance);
        Assert.Equal(["/1.0/applications/incus"], await ExpectMsgAsync<List<string>>());
        Assert.Equal(["incus is-running", "incus start", "incus initialize"], _hooks.Calls);
        Assert.Contains("\"initialized\": true", File.ReadAllText(StateFile));
    }

    [Fact]
    public async Task ApplicationUpdated_Running_OnlyUpdateHook()
    {
        WriteState(("incus", true, "1"));
        _hooks.Running = true;
        var actor = Sys.ActorOf(Props());
        actor.Tell(ApplicationsActor.GetApplications.Instance);
        await ExpectMsgAsync<List<string>>();

        Sys.EventStream.Publish(new ApplicationUpdated("incus", "2"));

        await AwaitAssertAsync(() => Assert.Contains("incus update", _hooks.Calls));
        actor.Tell(new ApplicationsActor.GetApplication("incus"));
        Assert.Equal("2", (await ExpectMsgAsync<ApplicationDocument>()).State.Version);
        Assert.Equal(["incus start", "incus is-running", "incus update"], _hooks.Calls);
    }

    [Fact]
    public async Task Start_Installed_StartedAndInitializedOnlyOnce()
    {
        WriteState(("debug", false, "1"), ("incus", false, "1"));
        var first = Sys.ActorOf(Props());
        first.Tell(ApplicationsActor.StopApplications.Instance);
        await ExpectMsgAsync<ApplicationsActor.ApplicationsStopped>();
        Watch(first);
        Sys.Stop(first);
        await ExpectTerminatedAsync(first);

        var second = Sys.ActorOf(Props());
        second.Tell(new ApplicationsActor.GetApplication("incus"));

        Assert.True((await ExpectMsgAsync<ApplicationDocument>()).State.Initialized);
        await AwaitAssertAsync(() => Assert.Equal(
            [
                "debug start", "debug initialize", "incus start", "incus initialize", "debug stop", "incus stop",
                "debug start", "incus start",
            ],
            _hooks.Calls));
    }

    [Fact]
    public async Task GetApplication_NotInstalled_NotFound()
    {
        var actor = Sys.ActorOf(Props());

        actor.Tell(new ApplicationsActor.GetApplication("incus"));

        Assert.Equal(ErrorKind.NotFound, (await ExpectMsgAsync<Rejection>()).Kind);
    }

    [Fact]
    public async Task InitializeFails_StaysUninitializedAndIsRetriedAtNextStart()
    {
        WriteState(("incus", false, "1"));
        _hooks.FailInitialize = true;
        var actor = Sys.ActorOf(Props());

        actor.Tell(ApplicationsActor.StopApplications.Instance);
        await ExpectMsgAsync<ApplicationsActor.ApplicationsStopped>();
        actor.Tell(new ApplicationsActor.GetApplication("incus"));

        Assert.False((await ExpectMsgAsync<ApplicationDocument>()).State.Initialized);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Directory.Delete(_directory, recursive: true);
    }

    private Props Props()
    {
        var hooks = _hooks;
        var options = new ApplicationsOptions { StateFile = StateFile };

        return Akka.Actor.Props.Create(() => new ApplicationsActor(hooks, options, NullLoggerFactory.Instance));
    }

    private void WriteState(params (string Name, bool Initialized, string Version)[] apps)
    {
        var state = apps.Aggregate(new ApplicationsState(), (s, a) => s.With(
            a.Name,
            new ApplicationDocument
            {
                State = new ApplicationState { Initialized = a.Initialized, Version = a.Version },
            }));
        File.WriteAllText(StateFile, JsonConvert.SerializeObject(state, WireJson.Settings));
    }

    /// <summary>Hooks that record each call as <c>name hook</c>.</summary>
    private sealed class RecordingHooks : IApplicationHookSet
    {
        private readonly List<string> _calls = [];

        public bool Running { get; set; }

        public bool FailInitialize { get; set; }

        public IReadOnlyList<string> Calls
        {
            get
            {
                lock (_calls)
                {
                    return [.. _calls];
                }
            }
        }

        public IApplicationHooks For(string name) => new Hooks(this, name);

        private void Record(string call)
        {
            lock (_calls)
            {
                _calls.Add(call);
            }
        }

        private sealed class Hooks(RecordingHooks owner, string name) : IApplicationHooks
        {
            public Task StartAsync(CancellationToken cancellationToken) => Done("start");

            public Task StopAsync(CancellationToken cancellationToken) => Done("stop");

            public Task UpdateAsync(CancellationToken cancellationToken) => Done("update");

            public Task<bool> IsRunningAsync(CancellationToken cancellationToken)
            {
                owner.Record($"{name} is-running");
                return Task.FromResult(owner.Running);
            }

            public Task InitializeAsync(CancellationToken cancellationToken)
            {
                owner.Record($"{name} initialize");
                return owner.FailInitialize
                    ? Task.FromException(new Providers.ProviderException("cannot reach the local Incus"))
                    : Task.CompletedTask;
            }

            private Task Done(string hook)
            {
                owner.Record($"{name} {hook}");
                return Task.CompletedTask;
            }
        }
    }
}
