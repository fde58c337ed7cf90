using IncusOs.Actors.Common;
using IncusOs.Actors.Network;
using IncusOs.Providers;
using IncusOs.Providers.Network;
using IncusOs.Providers.Process;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Network;

/// <summary>
/// The daemon's generated files applied by real systemd-networkd (see <see cref="NetworkdNamespace"/>).
/// This kernel has no VLAN, bond or dummy link types, so those are covered by the golden files only;
/// here a NIC bridged with its veth host side gets static addresses and routes.
/// </summary>
public sealed class NetworkdTests : IClassFixture<NetworkdNamespace>
{
    private readonly NetworkdNamespace _ns;

    public NetworkdTests(NetworkdNamespace ns)
    {
        _ns = ns;
    }

    [Fact]
    public async Task Apply_StaticInterface_NetworkdConfiguresItAndStateMatches()
    {
        var config = Config("10.77.0.2/24", "10.99.0.0/16");
        var mark = _ns.Log.Count;

        var (plan, reader) = await ApplyAsync(config);

        Assert.Empty(_ns.FileWarningsSince(mark));
        var addresses = JArray.Parse(await _ns.InNamespaceAsync("ip", "-j", "addr", "show", "dev", "_veth0"));
        var kernel = addresses[0]["addr_info"]!.Where(a => (string?)a["scope"] == "global")
            .Select(a => (string)a["local"]!).ToList();
        Assert.Equal(["10.77.0.2"], kernel);
        var routes = JArray.Parse(await _ns.InNamespaceAsync("ip", "-j", "route", "show", "dev", "_veth0"));
        Assert.Contains(
            routes, r => (string?)r["dst"] == "10.99.0.0/16" && (string?)r["gateway"] == NetworkdNamespace.PeerAddress);
        var status = await _ns.InNamespaceAsync("networkctl", "status", "_veth0");
        Assert.Contains("State: routable (configured)", status);
        Assert.Contains("Online state: online", status);
        Assert.Contains("20-_veth0.network", status);
        var bridge = JArray.Parse(await _ns.InNamespaceAsync("ip", "-j", "link", "show", "master", "eth0"));
        Assert.Equal(["_i020000007701", NetworkdNamespace.NicName], bridge.Select(l => (string)l["ifname"]!).Order());

        var seen = await reader.ReadAsync(NetworkStateBuilder.Queries(config), CancellationToken.None);
        var state = NetworkStateBuilder.Build(config, seen).Interfaces["eth0"];
        Assert.Equal(kernel, state.Addresses);
        Assert.Equal(
            routes.Where(r => r["gateway"] is not null).Select(r => $"{r["dst"]} via {r["gateway"]}"),
            state.Routes.Select(r => $"{r.To} via {r.Via}"));
        Assert.Equal("routable", state.State);
        Assert.Equal("10Gbps", state.Speed);
        Assert.Equal(1400, state.Mtu);
        Assert.Equal(["instances", "management", "cluster"], state.Roles);
        Assert.Equal(["static:server01.example.org", "transient:server01.example.org"], _ns.Hostnamed.Calls.Take(2));
        Assert.Contains("restart systemd-timesyncd.service replace", _ns.Systemd.Jobs);
        Assert.Equal("[Time]\nFallbackNTP=10.77.0.123\n", File.ReadAllText(_ns.Options.TimesyncdFile));
        Assert.Equal(plan.Hosts, File.ReadAllText(_ns.Options.HostsFile));
    }

    [Fact]
    public async Task Apply_ChangedAddress_ReplacesFilesAndNetworkdFollows()
    {
        await ApplyAsync(Config("10.77.0.2/24", "10.99.0.0/16"));
        var mark = _ns.Log.Count;

        var (plan, reader) = await ApplyAsync(Config("10.77.0.3/24", "10.98.0.0/16"));

        Assert.Empty(_ns.FileWarningsSince(mark));
        Assert.Equal(
            plan.NetworkdFiles.Select(f => f.Name).Order(StringComparer.Ordinal),
            Directory.GetFiles(_ns.Options.NetworkdDirectory).Select(f => Path.GetFileName(f))
                .Order(StringComparer.Ordinal));
        var seen = await reader.ReadAsync([new LinkQuery("eth0", "_veth0", null)], CancellationToken.None);
        Assert.Contains("10.77.0.3", seen["eth0"].Addresses);
        Assert.Contains(seen["eth0"].Routes, r => r.To == "10.98.0.0/16");
    }

    [Fact]
    public async Task Apply_FileNetworkdRejects_IsSeenInItsLog()
    {
        var planned = NetworkPlanBuilder.Build(Config("10.77.0.2/24", "10.99.0.0/16"), "unused").Plan!;
        var bogus = new NetworkFile("30-bogus.network", "[Match]\nName=nothing0\n\n[Network]\nAdress=10.1.1.1/24\n");
        var mark = _ns.Log.Count;

        await ApplyPlanAsync(planned with { NetworkdFiles = [.. planned.NetworkdFiles, bogus] });

        await WaitUntilAsync(() => _ns.FileWarningsSince(mark).Count > 0);
        Assert.Contains(_ns.FileWarningsSince(mark), l => l.Contains("30-bogus.network:5:") && l.Contains("Adress"));
        await ApplyPlanAsync(planned);
    }

    [Fact]
    public async Task Apply_LinkNeverOnline_TimesOutWithTheReferenceMessage()
    {
        var good = Config("10.77.0.2/24", "10.99.0.0/16");
        var dhcpWithoutServer = good with
        {
            Interfaces = [good.Interfaces[0] with { Addresses = ["dhcp4"], Routes = [] }],
        };
        var plan = NetworkPlanBuilder.Build(dhcpWithoutServer, "unused").Plan!;

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => ApplyPlanAsync(plan, _ns.Options with { OnlineTimeout = TimeSpan.FromSeconds(1) }));

        Assert.Equal("timed out waiting for network to come online (_veth0)", error.Message);
        await ApplyAsync(good);
    }

    [Fact]
    public async Task Control_RestartAndStopUnits_GoToSystemdManager()
    {
        var control = new DBusNetworkdControl(_ns.Bus);

        await control.StartUnitAsync("kpx.service", CancellationToken.None);
        await control.StopUnitAsync("kpx.service", CancellationToken.None);

        Assert.Contains("start kpx.service replace", _ns.Systemd.Jobs);
        Assert.Contains("stop kpx.service replace", _ns.Systemd.Jobs);
    }

    [Fact]
    public async Task Control_UnknownLink_IsNull()
    {
        var control = new DBusNetworkdControl(_ns.Bus);

        var state = await control.GetLinkStateAsync("nosuchlink0", CancellationToken.None);

        Assert.Null(state);
    }

    private async Task<(NetworkApplyPlan Plan, HostNetworkStateReader Reader)> ApplyAsync(SystemNetworkConfig config)
    {
        var planned = NetworkPlanBuilder.Build(config, "unused");
        Assert.Null(planned.Error);

        var reader = await ApplyPlanAsync(planned.Plan!);

        return (planned.Plan!, reader);
    }

    private async Task<HostNetworkStateReader> ApplyPlanAsync(NetworkApplyPlan plan, NetworkOptions? options = null)
    {
        options ??= _ns.Options;
        var control = new DBusNetworkdControl(_ns.Bus);
        var commands = new NetworkCommands(new ProcessRunner(NullLogger<ProcessRunner>.Instance), options);
        var reader = new HostNetworkStateReader(commands, control, options);
        var applier = new HostNetworkApplier(
            control, commands, reader, options, NullLogger<HostNetworkApplier>.Instance);

        await applier.ApplyAsync(plan, CancellationToken.None);

        return reader;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    private static SystemNetworkConfig Config(string address, string routeTo) =>
        JsonConvert.DeserializeObject<SystemNetworkConfig>(
            $$"""
            {"dns":{"hostname":"server01","domain":"example.org","nameservers":["10.77.0.53"]},
             "ntp":{"timeservers":["10.77.0.123"]},
             "interfaces":[{"name":"eth0","mtu":1400,"hwaddr":"{{NetworkdNamespace.NicMac}}",
               "addresses":["{{address}}"],
               "required_for_online":"ipv4","routes":[{"to":"{{routeTo}}","via":"{{NetworkdNamespace.PeerAddress}}"}],
               "roles":["instances"]}]}
            """,
            WireJson.Settings)!;
}
