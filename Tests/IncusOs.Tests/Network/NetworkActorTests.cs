using Akka.Actor;
using Akka.TestKit.Xunit2;
using IncusOs.Actors.Common;
using IncusOs.Actors.Network;
using IncusOs.Actors.Supervision;
using IncusOs.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json;

namespace IncusOs.Tests.Network;

public sealed class NetworkActorTests : TestKit, IDisposable
{
    private const string ConfigA =
        """
        {"config":{"dns":{"hostname":"alpha","domain":"example.org"},"interfaces":[{"name":"eth0",
        "hwaddr":"10:66:6a:00:00:01","addresses":["10.0.0.5/24"]}]}}
        """;

    private const string ConfigB =
        """
        {"config":{"dns":{"hostname":"beta"},"interfaces":[{"name":"eth0","hwaddr":"10:66:6a:00:00:01",
        "addresses":["10.0.0.6/24"]}]}}
        """;

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly string _dir = Directory.CreateTempSubdirectory("network-actor-").FullName;
    private readonly FakeNetwork _network = new();

    private string StateFile => Path.Combine(_dir, "network.json");

    public new void Dispose()
    {
        base.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Start_NoStoredConfig_AppliesAndStoresDefault()
    {
        var actor = Start();

        await AwaitAssertAsync(() => Assert.True(File.Exists(StateFile)), Wait);

        var stored = JsonConvert.DeserializeObject<SystemNetworkConfig>(
            File.ReadAllText(StateFile), WireJson.Settings)!;
        Assert.Equal("enp5s0", stored.Interfaces[0].Name);
        Assert.Equal(["dhcp4", "slaac"], stored.Interfaces[0].Addresses);
        Assert.Equal("fallback-host", _network.Applied[0].Hostname);
        var got = await actor.Ask<SystemNetwork>(NetworkActor.GetNetwork.Instance, Wait);
        Assert.Equal("enp5s0", got.Config!.Interfaces[0].Name);
    }

    [Fact]
    public async Task Start_StoredConfig_AppliesItAndPublishesDnsName()
    {
        File.WriteAllText(StateFile, """
            {"dns":{"hostname":"stored","domain":"lan"},"interfaces":[{"name":"eth0","hwaddr":"10:66:6a:00:00:01"}]}
            """);
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(DnsNameChanged));

        Start();

        var published = await probe.ExpectMsgAsync<DnsNameChanged>(Wait);
        Assert.Equal(new DnsNameChanged("stored", "lan"), published);
        await AwaitAssertAsync(() => Assert.Equal("stored.lan", Assert.Single(_network.Applied).Hostname), Wait);
    }

    [Fact]
    public async Task Replace_ValidConfig_AppliesStoresPublishesAndAnswersDone()
    {
        var actor = await StartedAsync();
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(DnsNameChanged));

        var reply = await actor.Ask<object>(Replace(ConfigA), Wait);

        Assert.Same(Done.Instance, reply);
        Assert.Contains("\"alpha\"", File.ReadAllText(StateFile));
        Assert.Equal(new DnsNameChanged("alpha", "example.org"), await probe.ExpectMsgAsync<DnsNameChanged>(Wait));
        var got = await actor.Ask<SystemNetwork>(NetworkActor.GetNetwork.Instance, Wait);
        Assert.Equal(["10.0.0.5"], got.State.Interfaces["eth0"].Addresses);
        Assert.Equal(["management", "cluster"], got.State.Interfaces["eth0"].Roles);
    }

    [Fact]
    public async Task Replace_WhileApplying_IsSerializedAfterTheFirst()
    {
        var actor = await StartedAsync();
        _network.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = actor.Ask<object>(Replace(ConfigA), Wait);
        var second = actor.Ask<object>(Replace(ConfigB), Wait);
        await AwaitAssertAsync(() => Assert.Equal(2, _network.Applied.Count), Wait);
        var during = await actor.Ask<SystemNetwork>(NetworkActor.GetNetwork.Instance, Wait);

        Assert.Equal(2, _network.Applied.Count);
        Assert.False(first.IsCompleted);
        Assert.Equal("enp5s0", during.Config!.Interfaces[0].Name);
        _network.Gate.SetResult();
        Assert.Same(Done.Instance, await first);
        Assert.Same(Done.Instance, await second);
        Assert.Equal(["fallback-host", "alpha.example.org", "beta"], _network.Applied.Select(p => p.Hostname));
        Assert.Contains("\"beta\"", File.ReadAllText(StateFile));
    }

    [Fact]
    public async Task Get_DuringApply_AnswersLastGoodConfigWithFreshState()
    {
        var actor = await StartedAsync();
        Assert.Same(Done.Instance, await actor.Ask<object>(Replace(ConfigA), Wait));
        _network.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var pending = actor.Ask<object>(Replace(ConfigB), Wait);
        await AwaitAssertAsync(() => Assert.Equal(3, _network.Applied.Count), Wait);
        var during = await actor.Ask<SystemNetwork>(NetworkActor.GetNetwork.Instance, Wait);

        Assert.Equal("alpha", during.Config!.Dns!.Hostname);
        Assert.Equal(["10.0.0.5"], during.State.Interfaces["eth0"].Addresses);
        _network.Gate.SetResult();
        Assert.Same(Done.Instance, await pending);
    }

    [Fact]
    public async Task Replace_ApplyFails_RestoresPreviousAndKeepsStoredFile()
    {
        var actor = await StartedAsync();
        Assert.Same(Done.Instance, await actor.Ask<object>(Replace(ConfigA), Wait));
        var storedBefore = File.ReadAllBytes(StateFile);
        _network.FailingHostnames.Add("beta");

        var reply = await actor.Ask<object>(Replace(ConfigB), Wait);

        var rejection = Assert.IsType<Rejection>(reply);
        Assert.Equal(ErrorKind.BadRequest, rejection.Kind);
        Assert.Equal("timed out waiting for network to come online", rejection.Message);
        Assert.Equal(["beta", "alpha.example.org"], _network.Applied.Skip(2).Select(p => p.Hostname));
        Assert.Equal(storedBefore, File.ReadAllBytes(StateFile));
        var got = await actor.Ask<SystemNetwork>(NetworkActor.GetNetwork.Instance, Wait);
        Assert.Equal("alpha", got.Config!.Dns!.Hostname);
    }

    [Theory]
    [InlineData( """
        {"interfaces":[{"name":"eth0","hwaddr":"10:66:6a:00:00:01"}]}
        """, "network configuration has no devices defined")]
    [InlineData("""{"config":{}}""", "network configuration has no devices defined")]
    [InlineData("""{"config":null}""", "network configuration has no devices defined")]
    [InlineData("""{"config":{"interfaces":[{"mtu":"x"}]}}""",
        "json: cannot unmarshal string into Go struct field SystemNetworkInterface.config.interfaces.mtu of type int")]
    [InlineData("""{"config":{"interfaces":[{"name":"eth0"}]}}""", "interface 0 has no MAC address")]
    public async Task Replace_BadBody_RejectedAndNothingApplied(string body, string message)
    {
        var actor = await StartedAsync();
        var storedBefore = File.ReadAllBytes(StateFile);

        var reply = await actor.Ask<object>(Replace(body), Wait);

        Assert.Equal(Rejection.BadRequest(message), reply);
        Assert.Single(_network.Applied);
        Assert.Equal(storedBefore, File.ReadAllBytes(StateFile));
    }

    [Fact]
    public async Task Patch_MergesOntoCurrentConfig()
    {
        var actor = await StartedAsync();

        var reply = await actor.Ask<object>(
            new NetworkActor.PatchNetwork(JToken.Parse( """
                {"config":{"interfaces":[{"addresses":["10.0.0.9/24"]}]}}
                """)),
            Wait);

        Assert.Same(Done.Instance, reply);
        var got = await actor.Ask<SystemNetwork>(NetworkActor.GetNetwork.Instance, Wait);
        var nic = Assert.Single(got.Config!.Interfaces);
        Assert.Equal(("enp5s0", "10:66:6a:00:00:01", "no"), (nic.Name, nic.Hwaddr, nic.RequiredForOnline));
        Assert.Equal(["10.0.0.9/24"], nic.Addresses);
    }

    [Fact]
    public async Task Get_StateCollectionFails_RejectedWithTheReason()
    {
        var actor = await StartedAsync();
        _network.ReadFailure = "Failed to run: ip -j address show dev _veth0: exit status 1";

        var reply = await actor.Ask<object>(NetworkActor.GetNetwork.Instance, Wait);

        Assert.Equal(Rejection.BadRequest(_network.ReadFailure), reply);
    }

    [Fact]
    public async Task DnsNameRequested_Published_AnswersWithCurrentName()
    {
        var actor = await StartedAsync();
        Assert.Same(Done.Instance, await actor.Ask<object>(Replace(ConfigB), Wait));
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(DnsNameChanged));

        Sys.EventStream.Publish(DnsNameRequested.Instance);

        Assert.Equal(new DnsNameChanged("beta", string.Empty), await probe.ExpectMsgAsync<DnsNameChanged>(Wait));
    }

    [Fact]
    public async Task Replace_ActorRestartedByARebootDuringTheApply_ClientToldAndApplyStillSerialized()
    {
        await StartedAsync();
        var (root, actor) = await SupervisedArea.StartAsync<NetworkActor>(this, NetworkProps(), "network");
        await AwaitAssertAsync(() => Assert.Equal(2, _network.Applied.Count), Wait);
        _network.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var interrupted = actor.Ask<object>(Replace(ConfigA), Wait);
        await AwaitAssertAsync(() => Assert.Equal(3, _network.Applied.Count), Wait);
        // A simulated reboot: the root supervisor restarts the area; its start-up apply waits on the gate.
        root.Tell(RootSupervisor.RestartAreas.Instance);
        var answer = await interrupted;
        await AwaitAssertAsync(() => Assert.Equal(5, _network.Applied.Count), Wait);
        var next = actor.Ask<object>(Replace(ConfigB), Wait);
        await Task.Delay(200);

        var rejection = Assert.IsType<Rejection>(answer);
        Assert.Equal(ErrorKind.Unavailable, rejection.Kind);
        Assert.False(next.IsCompleted);
        Assert.Equal(5, _network.Applied.Count);
        _network.Gate.SetResult();
        Assert.Same(Done.Instance, await next);
        Assert.Equal("beta", _network.Applied[^1].Hostname);
    }

    private static NetworkActor.ReplaceNetwork Replace(string json) => new(JToken.Parse(json));

    private IActorRef Start() => Sys.ActorOf(NetworkProps());

    private Props NetworkProps() =>
        Props.Create(() => new NetworkActor(
            _network, _network, _network, _network, new ActorTimeouts(), new NetworkSettings(StateFile),
            NullLoggerFactory.Instance));

    private async Task<IActorRef> StartedAsync()
    {
        var actor = Start();
        await AwaitAssertAsync(() => Assert.True(File.Exists(StateFile)), Wait);

        return actor;
    }
}
