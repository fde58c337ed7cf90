using System.Net;
using System.Net.Sockets;
using System.Text;
using IncusOs.Tests.Support;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Http;

/// <summary>The method and path rules of spec README §2 and the envelope of §3, over the real socket.</summary>
public sealed class RoutingTests : IClassFixture<DaemonFixture>
{
    private static readonly string[] Methods = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    private readonly DaemonProcess _daemon;

    public RoutingTests(DaemonFixture fixture)
    {
        _daemon = fixture.Daemon;
    }

    public static TheoryData<string, string, int> Table()
    {
        // Every path of spec README §2 with the methods it accepts; every other method is 501.
        var accepted = new Dictionary<string, string[]>
        {
            ["/"] = ["GET"],
            ["/1.0"] = ["GET"],
            ["/1.0/applications"] = ["GET"],
            ["/1.0/debug"] = ["GET"],
            ["/1.0/debug/log"] = ["GET"],
            ["/1.0/services"] = ["GET"],
            ["/1.0/services/iscsi"] = ["GET", "PUT", "POST"],
            ["/1.0/system"] = ["PUT"],
            ["/1.0/system/network"] = ["GET", "PUT", "PATCH"],
            ["/1.0/system/resources"] = ["GET"],
            ["/1.0/system/security"] = ["GET", "PUT", "DELETE"],
            ["/1.0/system/storage"] = ["GET", "PUT", "DELETE"],
            ["/1.0/system/storage/wipe"] = ["POST"],
            ["/1.0/system/update"] = ["GET", "PUT", "POST"],
        };
        var data = new TheoryData<string, string, int>();
        foreach (var (path, methods) in accepted)
        {
            foreach (var method in Methods.Where(m => !methods.Contains(m)))
            {
                data.Add(method, path, 501);
            }
        }

        foreach (var path in new[]
                 {
                     "/1.0/", "/nope", "/1.0/nope", "/2.0", "/1.0/debug/", "/1.0/debug/log/", "/1.0/services/",
                     "/1.0/services/iscsi/", "/1.0/system/", "/1.0/system/storage/wipe/x", "/1.0/applications/",
                 })
        {
            data.Add("GET", path, 404);
            foreach (var method in Methods.Where(m => m != "GET"))
            {
                data.Add(method, path, 501);
            }
        }

        // An unknown service is 404 whatever the method (the name is checked first).
        foreach (var method in Methods)
        {
            data.Add(method, "/1.0/services/nosuch", 404);
        }

        // An application route checks the method first (501), then the name (404).
        data.Add("GET", "/1.0/applications/nosuch", 404);
        foreach (var method in Methods.Where(m => m != "GET"))
        {
            data.Add(method, "/1.0/applications/nosuch", 501);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Request_MethodAndPath_AnsweredByTheRules(string method, string path, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await _daemon.Client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        if (method != "HEAD")
        {
            var body = JObject.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(status == 404 ? "not found" : "not implemented", (string?)body["error"]);
            Assert.Equal(status, (int)body["error_code"]!);
            Assert.Equal("error", (string?)body["type"]);
        }
    }

    [Fact]
    public async Task GetRoot_Versions_ExactBytes()
    {
        using var response = await _daemon.Client.GetAsync("/");

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(
            "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"operation\":\"\",\"error_code\":0," +
            "\"error\":\"\",\"metadata\":[\"/1.0\"]}\n",
            text);
        Assert.False(response.Headers.Contains("X-Content-Type-Options"));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task GetDebug_Listing_IsTheLogPath()
    {
        var metadata = await _daemon.GetMetadataAsync("/1.0/debug");

        Assert.Equal(new JArray("/1.0/debug/log"), metadata);
    }

    [Fact]
    public async Task Get10_Environment_HasTheSimulatedOs()
    {
        var metadata = await _daemon.GetMetadataAsync("/1.0");

        var environment = (JObject)metadata["environment"]!;
        Assert.Equal(["hostname", "os_name", "os_version"], environment.Properties().Select(p => p.Name));
        Assert.Equal("IncusOS", (string?)environment["os_name"]);
        Assert.Matches("^[0-9]{12}$", (string?)environment["os_version"]);
        Assert.False(string.IsNullOrEmpty((string?)environment["hostname"]));
    }

    [Theory]
    [InlineData("//1.0", "/1.0")]
    [InlineData("/1.0/./debug?x=1", "/1.0/debug?x=1")]
    [InlineData("/1.0/system/../debug", "/1.0/debug")]
    public async Task Request_UncleanPath_RedirectedToCleanPath(string raw, string location)
    {
        var response = await RawRequestAsync($"GET {raw} HTTP/1.1\r\nHost: incus-os\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 301", response);
        Assert.Contains($"Location: {location}\r\n", response);
    }

    [Fact]
    public async Task Request_QueryString_IgnoredOutsideDebugLog()
    {
        var metadata = await _daemon.GetMetadataAsync("/1.0?recursion=1&x=%zz");

        Assert.NotNull(metadata["environment"]);
    }

    private async Task<string> RawRequestAsync(string request)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(_daemon.SocketPath));
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        var buffer = new byte[8192];
        var total = new StringBuilder();
        int read;
        while ((read = await socket.ReceiveAsync(buffer)) > 0)
        {
            total.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return total.ToString();
    }
}
