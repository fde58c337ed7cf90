using Akka.Actor;
using Akka.TestKit.Xunit2;
using IncusOs.Actors.Common;
using IncusOs.Actors.Machine;
using IncusOs.Providers.Machine;

namespace IncusOs.Tests.Machine;

public sealed class SystemActorTests : TestKit
{
    private static readonly OsIdentity Identity =
        new("IncusOS", "202512010000", "03000200-0400-0500-0006-000700080009\n", null);

    [Fact]
    public async Task GetEnvironment_BeforeDnsName_UsesProductUuid()
    {
        var actor = Sys.ActorOf(Props.Create(() => new SystemActor(new FixedIdentity(Identity), new RecordingPower())));

        actor.Tell(SystemActor.GetEnvironment.Instance);

        var reply = await ExpectMsgAsync<RootDocument>();
        Assert.Equal("03000200-0400-0500-0006-000700080009", reply.Environment.Hostname);
        Assert.Equal("202512010000", reply.Environment.OsVersion);
    }

    [Fact]
    public async Task GetEnvironment_AfterDnsNameChanged_UsesIt()
    {
        var actor = Sys.ActorOf(Props.Create(() => new SystemActor(new FixedIdentity(Identity), new RecordingPower())));
        actor.Tell(SystemActor.GetEnvironment.Instance);
        await ExpectMsgAsync<RootDocument>();

        Sys.EventStream.Publish(new DnsNameChanged("server01", "example.org"));

        await AwaitAssertAsync(async () =>
        {
            actor.Tell(SystemActor.GetEnvironment.Instance);
            var reply = await ExpectMsgAsync<RootDocument>();
            Assert.Equal("server01.example.org", reply.Environment.Hostname);
        });
    }

    [Fact]
    public async Task Start_PublishesDnsNameRequested()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(DnsNameRequested));

        Sys.ActorOf(Props.Create(() => new SystemActor(new FixedIdentity(Identity), new RecordingPower())));

        await probe.ExpectMsgAsync<DnsNameRequested>();
    }

    [Fact]
    public async Task PerformPowerAction_Twice_AnsweredTwiceActedOnce()
    {
        var power = new RecordingPower();
        var actor = Sys.ActorOf(Props.Create(() => new SystemActor(new FixedIdentity(Identity), power)));

        actor.Tell(new SystemActor.PerformPowerAction(PowerAction.Reboot));
        actor.Tell(new SystemActor.PerformPowerAction(PowerAction.PowerOff));

        await ExpectMsgAsync<Done>();
        await ExpectMsgAsync<Done>();
        await AwaitAssertAsync(() => Assert.Equal([PowerAction.Reboot], power.Actions));
    }

    [Fact]
    public async Task GetEnvironment_WhileIdentityIsRead_AnsweredOnceItIsKnown()
    {
        var identity = new TaskCompletionSource<OsIdentity>();
        var actor = Sys.ActorOf(Props.Create(() => new SystemActor(new PendingIdentity(identity.Task), new RecordingPower())));

        actor.Tell(SystemActor.GetEnvironment.Instance);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        identity.SetResult(Identity);

        Assert.Equal("IncusOS", (await ExpectMsgAsync<RootDocument>()).Environment.OsName);
    }

    private sealed class FixedIdentity(OsIdentity identity) : IOsIdentitySource
    {
        public Task<OsIdentity> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(identity);
    }

    private sealed class PendingIdentity(Task<OsIdentity> identity) : IOsIdentitySource
    {
        public Task<OsIdentity> ReadAsync(CancellationToken cancellationToken) => identity;
    }

    private sealed class RecordingPower : IPowerControl
    {
        private readonly List<PowerAction> _actions = [];

        public IReadOnlyList<PowerAction> Actions
        {
            get
            {
                lock (_actions)
                {
                    return [.. _actions];
                }
            }
        }

        public Task<PowerOutcome> PerformAsync(PowerAction action, CancellationToken cancellationToken)
        {
            lock (_actions)
            {
                _actions.Add(action);
            }

            return Task.FromResult(PowerOutcome.Requested);
        }
    }
}
