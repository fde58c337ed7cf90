using IncusOs.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Services;

/// <summary>The services and applications endpoints of a real <c>incus-osd --simulate</c>, over its socket.</summary>
public sealed class ServicesEndToEndTests : IClassFixture<DaemonFixture>
{
    private readonly DaemonProcess _daemon;

    public ServicesEndToEndTests(DaemonFixture fixture)
    {
        _daemon = fixture.Daemon;
    }

    public static TheoryData<string, string, string> Updates()
    {
        var configs = new Dictionary<string, string>
        {
            ["iscsi"] = "{\"enabled\":true,\"targets\":[{\"target\":\"iqn.2005-10.org.freenas.ctl:vol1\"," +
                "\"address\":\"10.0.0.50\",\"port\":3260}]}",
            ["lvm"] = """{"enabled":true,"system_id":1}""",
            ["multipath"] = """{"enabled":true,"wwns":["0x6001405a1b2c3d4e5f60718293a4b5c6"]}""",
            ["nvme"] = """{"enabled":true,"targets":[{"transport":"tcp","address":"10.0.0.60","port":4420}]}""",
            ["ovn"] = "{\"enabled\":true,\"ic_chassis\":false,\"database\":\"ssl:10.0.0.1:6642\"," +
                "\"tls_client_certificate\":\"\",\"tls_client_key\":\"\",\"tls_ca_certificate\":\"\"," +
                "\"tunnel_address\":\"10.0.0.20\",\"tunnel_protocol\":\"geneve\"}",
            ["usbip"] = """{"targets":[{"address":"10.0.0.70","bus_id":"1-1.2"}]}""",
        };
        var data = new TheoryData<string, string, string>();
        foreach (var (name, config) in configs)
        {
            data.Add(name, "PUT", config);
            data.Add(name, "POST", config);
        }

        return data;
    }

    [Fact]
    public async Task GetServices_ListsTheSixSorted()
    {
        var metadata = await _daemon.GetMetadataAsync("/1.0/services");

        Assert.Equal(
            "[\"/1.0/services/iscsi\",\"/1.0/services/lvm\",\"/1.0/services/multipath\",\"/1.0/services/nvme\"," +
            "\"/1.0/services/ovn\",\"/1.0/services/usbip\"]",
            metadata.ToString(Formatting.None));
    }

    [Theory]
    [InlineData("lvm", """{"state":{},"config":{"enabled":false,"system_id":0}}""")]
    [InlineData("usbip", """{"state":{},"config":{"targets":[]}}""")]
    public async Task GetService_Untouched_ShowsDefaults(string name, string expected)
    {
        var fresh = await DaemonProcess.StartAsync();
        await using (fresh)
        {
            var metadata = await fresh.GetMetadataAsync("/1.0/services/" + name);

            Assert.Equal(expected, metadata.ToString(Formatting.None));
        }
    }

    [Theory]
    [MemberData(nameof(Updates))]
    public async Task UpdateService_PutOrPost_AppliedAndShown(string name, string method, string config)
    {
        await _daemon.SendAsync(HttpMethod.Put, "/1.0/services/" + name, "{\"config\":{}}");

        var (status, body) = await _daemon.SendAsync(
            new HttpMethod(method), "/1.0/services/" + name, $"{{\"config\":{config}}}");

        Assert.Equal(200, status);
        Assert.Equal("{}", body["metadata"]!.ToString(Formatting.None));
        var shown = await _daemon.GetMetadataAsync("/1.0/services/" + name);
        Assert.Equal(JToken.Parse(config).ToString(Formatting.None), shown["config"]!.ToString(Formatting.None));
    }

    [Fact]
    public async Task UpdateService_Enabled_RuntimeStateShown()
    {
        await _daemon.SendAsync(HttpMethod.Put, "/1.0/services/nvme", """{"config":{"enabled":true,"targets":[]}}""");
        await _daemon.SendAsync(HttpMethod.Put, "/1.0/services/iscsi", """{"config":{"enabled":true}}""");

        var nvme = await _daemon.GetMetadataAsync("/1.0/services/nvme");
        var iscsi = await _daemon.GetMetadataAsync("/1.0/services/iscsi");

        Assert.Matches("^[0-9a-f-]{36}$", (string)nvme["state"]!["host_id"]!);
        Assert.StartsWith("nqn.2014-08.org.nvmexpress:uuid:", (string)nvme["state"]!["host_nqn"]!);
        Assert.StartsWith("iqn.2004-10.org.linuxcontainers:01:", (string)iscsi["state"]!["initiator_name"]!);
    }

    [Fact]
    public async Task UpdateService_OvnWithoutDatabase_500AndConfigUnchanged()
    {
        await _daemon.SendAsync(HttpMethod.Put, "/1.0/services/ovn", "{}");

        var (status, body) = await _daemon.SendAsync(
            HttpMethod.Put, "/1.0/services/ovn", """{"config":{"enabled":true}}""");

        Assert.Equal(500, status);
        Assert.Equal("missing OVN database address", (string?)body["error"]);
        Assert.False((bool)(await _daemon.GetMetadataAsync("/1.0/services/ovn"))["config"]!["enabled"]!);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("POST")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task AnyMethod_UnknownService_404(string method)
    {
        foreach (var name in new[] { "foo", "ISCSI", "iscsi2" })
        {
            var (status, body) = await _daemon.SendAsync(new HttpMethod(method), "/1.0/services/" + name, "{}");

            Assert.Equal(404, status);
            Assert.Equal("not found", (string?)body["error"]);
        }
    }

    [Theory]
    [InlineData("DELETE", "/1.0/services/iscsi")]
    [InlineData("PATCH", "/1.0/services/nvme")]
    [InlineData("POST", "/1.0/services")]
    [InlineData("PUT", "/1.0/applications")]
    [InlineData("PUT", "/1.0/applications/incus")]
    [InlineData("POST", "/1.0/applications/not-installed")]
    public async Task UnsupportedMethod_501(string method, string path)
    {
        var (status, body) = await _daemon.SendAsync(new HttpMethod(method), path, "{}");

        Assert.Equal(501, status);
        Assert.Equal("not implemented", (string?)body["error"]);
    }

    [Fact]
    public async Task Applications_NoneInstalled_EmptyListAnd404()
    {
        var list = await _daemon.GetMetadataAsync("/1.0/applications");
        var (status, _) = await _daemon.GetAsync("/1.0/applications/incus");

        Assert.Equal("[]", list.ToString(Formatting.None));
        Assert.Equal(404, status);
    }

    [Theory]
    [InlineData("", "EOF")]
    [InlineData("{\"config\":", null)]
    [InlineData("{\"config\":{\"enabled\":false}} garbage", null)]
    [InlineData(
        "{\"config\":{\"enabled\":\"yes\"}}",
        "json: cannot unmarshal string into field \"config.enabled\" of type bool")]
    [InlineData(
        "{\"config\":{\"targets\":[{\"port\":\"3260\"}]}}",
        "json: cannot unmarshal string into field \"config.targets[0].port\" of type int")]
    [InlineData("{\"config\":{\"targets\":{}}}", null)]
    [InlineData("[]", "json: cannot unmarshal array into a request object")]
    public async Task UpdateService_BadInput_400AndConfigUnchanged(string body, string? message)
    {
        var config = """{"enabled":true,"targets":[{"target":"iqn.keep","address":"10.0.0.1","port":3260}]}""";
        await _daemon.SendAsync(HttpMethod.Put, "/1.0/services/iscsi", $"{{\"config\":{config}}}");

        var (status, envelope) = await _daemon.SendAsync(HttpMethod.Put, "/1.0/services/iscsi", body);

        Assert.Equal(400, status);
        if (message is not null)
        {
            Assert.Equal(message, (string?)envelope["error"]);
        }

        var shown = await _daemon.GetMetadataAsync("/1.0/services/iscsi");
        Assert.Equal(JToken.Parse(config).ToString(Formatting.None), shown["config"]!.ToString(Formatting.None));
    }

    [Fact]
    public async Task UpdateService_UnknownNestedFields_IgnoredAsTheSpecSays()
    {
        var (status, _) = await _daemon.SendAsync(
            HttpMethod.Post,
            "/1.0/services/usbip",
            "{\"state\":{\"x\":1},\"config\":" +
            "{\"targets\":[{\"address\":\"10.0.0.9\",\"bus_id\":\"3-1\",\"serial\":\"z\"}]," +
            "\"extra\":true}}");

        Assert.Equal(200, status);
        var shown = await _daemon.GetMetadataAsync("/1.0/services/usbip");
        Assert.Equal(
            """{"targets":[{"address":"10.0.0.9","bus_id":"3-1"}]}""", shown["config"]!.ToString(Formatting.None));
    }
}
