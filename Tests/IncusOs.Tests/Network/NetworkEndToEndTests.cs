using IncusOs.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Network;

/// <summary><c>/1.0/system/network</c> against a real <c>incus-osd --simulate</c> over its socket.</summary>
public sealed class NetworkEndToEndTests : IClassFixture<DaemonFixture>
{
    private const string Path = "/1.0/system/network";
    private const string Nic1 = "10:66:6a:2f:11:01";
    private const string Nic2 = "10:66:6a:2f:11:02";

    private static readonly string Baseline = $$$"""
        {"config":{"dns":{"hostname":"server01","domain":"example.org","nameservers":["10.0.0.53"]},
         "ntp":{"timeservers":["10.0.0.123"]},
         "interfaces":[{"name":"eth0","hwaddr":"{{{Nic1}}}","addresses":["10.0.0.20/24","slaac"],
           "routes":[{"to":"0.0.0.0/0","via":"10.0.0.1"}],"required_for_online":"ipv4","roles":["management"],
           "lldp":true},
          {"name":"eth1","hwaddr":"{{{Nic2}}}","addresses":["dhcp4"],"roles":["storage"],"lldp":false}]}}
        """;

    private readonly DaemonProcess _daemon;

    public NetworkEndToEndTests(DaemonFixture fixture)
    {
        _daemon = fixture.Daemon;
    }

    [Fact]
    public async Task Put_Config_AppliedStateAndHostnameFollow()
    {
        var (status, body) = await _daemon.SendAsync(HttpMethod.Put, Path, Baseline);

        Assert.Equal(200, status);
        Assert.Equal("{}", body["metadata"]!.ToString(Formatting.None));
        var network = await _daemon.GetMetadataAsync(Path);
        Assert.True(JToken.DeepEquals(JObject.Parse(Baseline)["config"], network["config"]), network.ToString());
        var eth0 = network["state"]!["interfaces"]!["eth0"]!;
        Assert.Equal("interface", (string?)eth0["type"]);
        Assert.Equal("10.0.0.20", (string?)eth0["addresses"]![0]);
        Assert.StartsWith("fd42::", (string?)eth0["addresses"]![1]);
        Assert.Equal("""[{"to":"default","via":"10.0.0.1"}]""", eth0["routes"]!.ToString(Formatting.None));
        Assert.Equal("routable", (string?)eth0["state"]);
        Assert.Equal(Nic1, (string?)eth0["hwaddr"]);
        Assert.Equal("""["management","cluster"]""", eth0["roles"]!.ToString(Formatting.None));
        Assert.Equal("""["storage"]""", network["state"]!["interfaces"]!["eth1"]!["roles"]!.ToString(Formatting.None));
        var root = await _daemon.GetMetadataAsync("/1.0");
        Assert.Equal("server01.example.org", (string?)root["environment"]!["hostname"]);
    }

    [Fact]
    public async Task Patch_EachMergeRule_AppliesOntoCurrentConfig()
    {
        Assert.Equal(200, (await _daemon.SendAsync(HttpMethod.Put, Path, Baseline)).Status);

        // Array element 0 merged field by field: name, hwaddr and roles kept, addresses replaced;
        // element 1 dropped because the request has one element.
        Assert.Equal(200, (await Patch("""{"config":{"interfaces":[{"addresses":["10.0.0.5/24"]}]}}""")).Status);
        var config = (await _daemon.GetMetadataAsync(Path))["config"]!;
        var nic = Assert.Single(config["interfaces"]!);
        Assert.Equal(
            ("eth0", Nic1, "10.0.0.5/24"),
            ((string?)nic["name"], (string?)nic["hwaddr"], (string?)nic["addresses"]![0]));
        Assert.Equal("""["management"]""", nic["roles"]!.ToString(Formatting.None));

        // Object merged field by field: only the host name changes.
        Assert.Equal(200, (await Patch("""{"config":{"dns":{"hostname":"h2"}}}""")).Status);
        config = (await _daemon.GetMetadataAsync(Path))["config"]!;
        Assert.Equal( """
            {"hostname":"h2","domain":"example.org","nameservers":["10.0.0.53"]}
            """, config["dns"]!.ToString(Formatting.None));
        Assert.Equal("h2.example.org", (string?)(await _daemon.GetMetadataAsync("/1.0"))["environment"]!["hostname"]);

        // Extra elements start from zero; map keys are replaced with fresh values, others kept.
        var extra = """{"config":{"interfaces":[{},{"name":"eth1","hwaddr":"NIC2"}],"proxy":{"servers":"""
            + """{"p":{"host":"http://p:3128","auth":"anonymous"}}}}}""";
        extra = extra.Replace("NIC2", Nic2);
        Assert.Equal(200, (await Patch(extra)).Status);
        config = (await _daemon.GetMetadataAsync(Path))["config"]!;
        Assert.Equal( $$"""
            {"name":"eth1","hwaddr":"{{Nic2}}","lldp":false}
            """, config["interfaces"]![1]!.ToString(Formatting.None));
        Assert.Equal("""[{"destination":"*","target":"p"}]""", config["proxy"]!["rules"]!.ToString(Formatting.None));
        Assert.Equal(200, (await Patch( """
            {"config":{"proxy":{"servers":{"q":{"host":"http://q","auth":"anonymous"}}}}}
            """)).Status);
        config = (await _daemon.GetMetadataAsync(Path))["config"]!;
        Assert.Equal(["p", "q"], ((JObject)config["proxy"]!["servers"]!).Properties().Select(p => p.Name));

        // null removes a pointer: the host name falls back to the machine's product UUID.
        Assert.Equal(200, (await Patch("""{"config":{"dns":null,"proxy":null}}""")).Status);
        config = (await _daemon.GetMetadataAsync(Path))["config"]!;
        Assert.Null(config["dns"]);
        Assert.Null(config["proxy"]);
        var fallback = (string?)(await _daemon.GetMetadataAsync("/1.0"))["environment"]!["hostname"];
        Assert.Matches("^[0-9a-f-]{36}$", fallback);

        // An empty array removes every interface; with no bonds or VLANs that is refused.
        var (status, body) = await Patch("""{"config":{"interfaces":[]}}""");
        Assert.Equal((400, "network configuration has no devices defined"), (status, (string?)body["error"]));
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        { "", "EOF" },
        { """
            {"interfaces":[{"name":"eth0","hwaddr":"10:66:6a:2f:11:01"}]}
            """, "network configuration has no devices defined" },
        { """{"config":null}""", "network configuration has no devices defined" },
        { """{"config":{"dns":{"hostname":"x"}}}""", "network configuration has no devices defined" },
        { """{"config":{"interfaces":[{"mtu":"big"}]}}""",
            "json: cannot unmarshal string into Go struct field"
                + " SystemNetworkInterface.config.interfaces.mtu of type int" },
        { """{"config":{"interfaces":[{"name":"eth0","hwaddr":"aa:bb:cc:dd:ee:ff","addresses":["dhcp4"]}]}}""",
            "timed out waiting for udev to rename interface(s)" },
        { """
            {"config":{"interfaces":[{"name":"eth0","hwaddr":"10:66:6a:2f:11:01"}],
            "proxy":{"servers":{"direct":{"auth":"anonymous"}}}}}
            """,
            "cannot use reserved keyword 'direct' for proxy definition" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Put_BadBody_400AndConfigUnchanged(string bad, string message)
    {
        Assert.Equal(200, (await _daemon.SendAsync(HttpMethod.Put, Path, Baseline)).Status);
        var before = (await _daemon.GetMetadataAsync(Path))["config"]!;

        var (status, body) = await _daemon.SendAsync(HttpMethod.Put, Path, bad);

        Assert.Equal((400, message), (status, (string?)body["error"]));
        Assert.True(JToken.DeepEquals(before, (await _daemon.GetMetadataAsync(Path))["config"]));
    }

    [Theory]
    [InlineData("{\"config\":")]
    [InlineData("{\"config\":{}} garbage")]
    [InlineData("{\"config\": x}")]
    public async Task Put_MalformedJson_400AndConfigUnchanged(string bad)
    {
        Assert.Equal(200, (await _daemon.SendAsync(HttpMethod.Put, Path, Baseline)).Status);
        var before = (await _daemon.GetMetadataAsync(Path))["config"]!;

        var (status, body) = await _daemon.SendAsync(HttpMethod.Patch, Path, bad);

        Assert.Equal(400, status);
        Assert.Equal("error", (string?)body["type"]);
        Assert.NotEmpty((string?)body["error"] ?? string.Empty);
        Assert.True(JToken.DeepEquals(before, (await _daemon.GetMetadataAsync(Path))["config"]));
    }

    [Fact]
    public async Task Put_EveryValidationRule_400WithItsMessage()
    {
        Assert.Equal(200, (await _daemon.SendAsync(HttpMethod.Put, Path, Baseline)).Status);
        var before = (await _daemon.GetMetadataAsync(Path))["config"]!;

        foreach (var row in NetworkValidatorTests.Failures())
        {
            var (json, message) = ((string)row[0], (string)row[1]);

            var (status, body) = await _daemon.SendAsync(HttpMethod.Put, Path, $$"""{"config":{{json}}}""");

            Assert.Equal((400, message), (status, (string?)body["error"]));
        }

        Assert.True(JToken.DeepEquals(before, (await _daemon.GetMetadataAsync(Path))["config"]));
    }

    [Fact]
    public async Task Methods_Unsupported_501()
    {
        var (status, body) = await _daemon.SendAsync(HttpMethod.Post, Path, "{}");

        Assert.Equal((501, "not implemented"), (status, (string?)body["error"]));
    }

    [Fact]
    public async Task Start_NoStoredConfig_DefaultFromMachineNics()
    {
        await using var fresh = await DaemonProcess.StartAsync();

        // The start-up apply runs behind the first answers; its state shows once the links exist.
        var network = await WaitForStateAsync(fresh, "enp5s0");

        var names = network["config"]!["interfaces"]!.Select(i => (string?)i["name"]);
        Assert.Equal(["enp5s0", "enp6s0"], names);
        Assert.Equal( """
            ["dhcp4","slaac"]
            """, network["config"]!["interfaces"]![0]!["addresses"]!.ToString(Formatting.None));
        var state = network["state"]!["interfaces"]!["enp5s0"]!;
        Assert.Equal("routable", (string?)state["state"]);
        Assert.Equal("10Gbps", (string?)state["speed"]);
        Assert.Equal(2, state["addresses"]!.Count());
        await WaitForFileAsync(System.IO.Path.Combine(fresh.StateDirectory, "network.json"));
        Assert.True(File.Exists(System.IO.Path.Combine(fresh.StateDirectory, "machine", "network.json")));
    }

    private static async Task WaitForFileAsync(string path)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!File.Exists(path))
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    private static async Task<JToken> WaitForStateAsync(DaemonProcess daemon, string device)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var (status, body) = await daemon.GetAsync(Path);
            if (status == 200 && body["metadata"]!["state"]!["interfaces"]![device] is not null)
            {
                return body["metadata"]!;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    private Task<(int Status, JObject Body)> Patch(string body) => _daemon.SendAsync(HttpMethod.Patch, Path, body);
}
