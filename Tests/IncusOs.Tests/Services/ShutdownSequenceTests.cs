using Akka.Actor;
using Akka.Hosting;
using Akka.TestKit.Xunit2;
using IncusOs.Actors.Applications;
using IncusOs.Actors.Common;
using IncusOs.Actors.Machine;
using IncusOs.Actors.Services;
using IncusOs.Providers.Machine;

namespace IncusOs.Tests.Services;

/// <summary>The system actor stops applications, then services, before the power action.</summary>
public sealed class ShutdownSequenceTests : TestKit
{
    private readonly RecordingPower _power = new();

    [Fact]
    public async Task PowerAction_StopsApplicationsThenServicesThenActs()
    {
        var (applications, services) = RegisterAreas();
        var system = Sys.ActorOf(SystemProps(new ActorTimeouts()));

        system.Tell(new SystemActor.PerformPowerAction(PowerAction.PowerOff));

        await ExpectMsgAsync<Done>();
        await applications.ExpectMsgAsync<ApplicationsActor.StopApplications>();
        Assert.False(services.HasMessages);
        applications.Reply(ApplicationsActor.ApplicationsStopped.Instance);
        await services.ExpectMsgAsync<ServicesActor.StopServices>();
        Assert.Empty(_power.Actions);
        services.Reply(ServicesActor.ServicesStopped.Instance);
        await AwaitAssertAsync(() => Assert.Equal([PowerAction.PowerOff], _power.Actions));
    }

    [Fact]
    public async Task PowerAction_ApplicationsNeverAnswer_ServicesStoppedAndPowerActionStillHappens()
    {
        var (applications, services) = RegisterAreas();
        var system = Sys.ActorOf(SystemProps(new ActorTimeouts { ShutdownStep = TimeSpan.FromMilliseconds(200) }));

        system.Tell(new SystemActor.PerformPowerAction(PowerAction.Reboot));

        await applications.ExpectMsgAsync<ApplicationsActor.StopApplications>();
        await services.ExpectMsgAsync<ServicesActor.StopServices>();
        services.Reply(ServicesActor.ServicesStopped.Instance);
        await AwaitAssertAsync(() => Assert.Equal([PowerAction.Reboot], _power.Actions));
    }

    private (Akka.TestKit.TestProbe Applications, Akka.TestKit.TestProbe Services) RegisterAreas()
    {
        var applications = CreateTestProbe();
        var services = CreateTestProbe();
        var registry = ActorRegistry.For(Sys);
        registry.Register<ApplicationsActor>(applications.Ref);
        registry.Register<ServicesActor>(services.Ref);

        return (applications, services);
    }

    private Props SystemProps(ActorTimeouts timeouts)
    {
        var registry = ActorRegistry.For(Sys);
        var power = _power;

        return Props.Create(() => new SystemActor(new FixedIdentity(), power, registry, timeouts));
    }

    private sealed class FixedIdentity : IOsIdentitySource
    {
        public Task<OsIdentity> ReadAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new OsIdentity("IncusOS", "202512010000", null, null));
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
