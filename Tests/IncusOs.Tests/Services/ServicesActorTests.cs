using Akka.Actor;
using Akka.TestKit.Xunit2;
using IncusOs.Actors.Common;
using IncusOs.Actors.Services;
using IncusOs.Providers.Machine;
using IncusOs.Providers.Services;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;

namespace IncusOs.Tests.Services;

public sealed class ServicesActorTests : TestKit
{
    private readonly RecordingTools _tools = new();
    private readonly ServicesOptions _options;

    public ServicesActorTests()
    {
        _options = new ServicesOptions
        {
            StateFile = Path.Combine(_tools.Root, "state", "services.json"),
            Root = _tools.Root,
            DiscoveryRetryDelay = TimeSpan.FromMilliseconds(1),
            MultipathSettle = TimeSpan.Zero,
        };
        _tools.Script("iscsi-iname", "iqn.2004-10.org.linuxcontainers:01:aa\n");
    }

    [Fact]
    public async Task Start_EveryServiceEnabled_StartedInSpecOrder()
    {
        WriteState(AllEnabled());

        var actor = Sys.ActorOf(Props());
        actor.Tell(ServicesActor.StopServices.Instance);
        await ExpectMsgAsync<ServicesActor.ServicesStopped>();

        AssertInOrder(
            _tools.Calls,
            "iscsi-iname -p iqn.2004-10.org.linuxcontainers:01",
            "modprobe nvme",
            "systemctl start multipathd.service",
            "systemctl start lvmlockd.service",
            "systemctl start ovs-vswitchd.service",
            "modprobe vhci-hcd");
    }

    [Fact]
    public async Task StopServices_EveryServiceEnabled_StoppedInReverseOrder()
    {
        WriteState(AllEnabled());
        var actor = Sys.ActorOf(Props());

        actor.Tell(ServicesActor.StopServices.Instance);
        await ExpectMsgAsync<ServicesActor.ServicesStopped>();

        var calls = _tools.Calls.SkipWhile(c => c != "usbip attach -r 10.0.0.70 -b 1-1").Skip(1).ToList();
        AssertInOrder(
            calls,
            "systemctl stop ovn-controller.service",
            "vgchange --lock-stop",
            "systemctl stop multipathd.socket",
            "nvme disconnect-all",
            "iscsiadm -m node -T iqn.t -p 10.0.0.5:3260 --logout",
            "systemctl stop iscsid.service");
    }

    [Fact]
    public async Task UpdateService_WhileOneRuns_SecondWaitsAndGetIsAnswered()
    {
        var actor = Sys.ActorOf(Props());
        await GetAsync<ServiceDocument<EmptyServiceState, LvmConfig>>(actor, "lvm");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _tools.Units.Gate = gate;

        actor.Tell(new ServicesActor.UpdateService("lvm", new LvmConfig { Enabled = true, SystemId = 7 }));
        var multipath = new MultipathConfig { Enabled = true, Wwns = ["0xab"] };
        actor.Tell(new ServicesActor.UpdateService("multipath", multipath));
        await AwaitAssertAsync(() => Assert.Contains("systemctl start lvmlockd.service", _tools.Calls));
        var during = await GetAsync<ServiceDocument<EmptyServiceState, LvmConfig>>(actor, "lvm");
        var callsDuring = _tools.Calls;
        gate.SetResult();

        Assert.False(during.Config.Enabled);
        Assert.DoesNotContain(callsDuring, c => c.Contains("multipath", StringComparison.Ordinal));
        await ExpectMsgAsync<Done>();
        await ExpectMsgAsync<Done>();
        AssertInOrder(_tools.Calls, "vgchange --lock-start", "systemctl start multipathd.service");
        Assert.True((await GetAsync<ServiceDocument<EmptyServiceState, LvmConfig>>(actor, "lvm")).Config.Enabled);
    }

    [Fact]
    public async Task Restart_ReloadsConfigAndStartsItAgain()
    {
        var config = new IscsiConfig
        {
            Enabled = true,
            Targets = [new IscsiTarget { Target = "iqn.t", Address = "10.0.0.5", Port = 3260 }],
        };
        var first = Sys.ActorOf(Props());
        first.Tell(new ServicesActor.UpdateService("iscsi", config));
        await ExpectMsgAsync<Done>();
        Watch(first);
        Sys.Stop(first);
        await ExpectTerminatedAsync(first);

        var second = Sys.ActorOf(Props());
        var shown = await GetAsync<ServiceDocument<IscsiState, IscsiConfig>>(second, "iscsi");

        Assert.Equal(config.Targets, shown.Config.Targets);
        Assert.Equal("iqn.2004-10.org.linuxcontainers:01:aa", shown.State.InitiatorName);
        await AwaitAssertAsync(
            () => Assert.Equal(2, _tools.Calls.Count(c => c == "systemctl start iscsid.service")));
    }

    [Fact]
    public async Task UpdateService_Fails_InternalRejectionAndStoredConfigUnchanged()
    {
        var actor = Sys.ActorOf(Props());

        actor.Tell(new ServicesActor.UpdateService("ovn", new OvnConfig { Enabled = true }));

        var rejection = await ExpectMsgAsync<Rejection>();
        Assert.Equal(new Rejection(ErrorKind.Internal, "missing OVN database address"), rejection);
        var stored = JsonConvert.DeserializeObject<ServicesState>(File.ReadAllText(_options.StateFile))!;
        Assert.False(stored.Ovn.Config.Enabled);
    }

    [Fact]
    public async Task GetService_UnknownName_NotFound()
    {
        var actor = Sys.ActorOf(Props());

        actor.Tell(new ServicesActor.GetService("ISCSI"));

        Assert.Equal(ErrorKind.NotFound, (await ExpectMsgAsync<Rejection>()).Kind);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _tools.Dispose();
    }

    private static void AssertInOrder(IReadOnlyList<string> calls, params string[] markers)
    {
        var positions = markers.Select(m => calls.ToList().IndexOf(m)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    private async Task<T> GetAsync<T>(IActorRef actor, string name)
    {
        actor.Tell(new ServicesActor.GetService(name));

        return await ExpectMsgAsync<T>();
    }

    private Props Props()
    {
        var tools = new ServiceTools(_tools.Runner);
        var units = _tools.Units;
        var options = _options;

        return Akka.Actor.Props.Create(() => new ServicesActor(
            tools, units, options, new FixedIdentity(), NullLoggerFactory.Instance));
    }

    private void WriteState(ServicesState state)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_options.StateFile)!);
        File.WriteAllText(_options.StateFile, JsonConvert.SerializeObject(state, WireJson.Settings));
    }

    private static ServicesState AllEnabled() => new()
    {
        Iscsi = new()
        {
            Config = new IscsiConfig
            {
                Enabled = true, Targets = [new IscsiTarget { Target = "iqn.t", Address = "10.0.0.5", Port = 3260 }],
            },
        },
        Lvm = new() { Config = new LvmConfig { Enabled = true, SystemId = 3 } },
        Multipath = new() { Config = new MultipathConfig { Enabled = true, Wwns = ["0xab"] } },
        Nvme = new() { Config = new NvmeConfig { Enabled = true, Targets = [] } },
        Ovn = new() { Config = new OvnConfig { Enabled = true, Database = "tcp:10.0.0.1:6642" } },
        Usbip = new()
        {
            Config = new UsbipConfig { Targets = [new UsbipTarget { Address = "10.0.0.70", BusId = "1-1" }] },
        },
    };

    private sealed class FixedIdentity : IOsIdentitySource
    {
        public Task<OsIdentity> ReadAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new OsIdentity("IncusOS", "202512010000", "03000200-0400-0500-0006-000700080009\n", null));
    }
}
