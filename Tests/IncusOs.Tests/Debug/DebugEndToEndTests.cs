using System.Net.Sockets;
using System.Text;
using IncusOs.Tests.Support;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Debug;

/// <summary><c>/1.0/debug/log</c> answers and errors from one <c>incus-osd --simulate</c>, over its socket.</summary>
public sealed class DebugEndToEndTests : IClassFixture<DaemonFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly DaemonProcess _daemon;

    public DebugEndToEndTests(DaemonFixture fixture)
    {
        _daemon = fixture.Daemon;
    }

    [Fact]
    public async Task GetLog_EntriesAndUnits_StreamedEnvelope()
    {
        var daemon = _daemon;

        using var response = await daemon.Client.GetAsync(
            "/1.0/debug/log?entries=2&entries=5&unit=incus-osd.service");
        var text = await response.Content.ReadAsStringAsync();
        var other = await daemon.GetMetadataAsync("/1.0/debug/log?unit=systemd-networkd");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.False(response.Headers.Contains("X-Content-Type-Options"));
        Assert.StartsWith(
            "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"operation\":\"\",\"error_code\":0,"
            + "\"error\":\"\",\"metadata\":[{\"MESSAGE\":",
            text);
        Assert.EndsWith("}]}\n", text);
        Assert.Equal(2, ((JArray)JObject.Parse(text)["metadata"]!).Count);
        Assert.Equal(new JArray(), other);
    }

    [Theory]
    [InlineData("?boot=5", 500,
        "Failed to run: journalctl -o json -b 5: exit status 1 "
        + "(Data from the specified boot (+5) is not available: No such boot ID in journal)")]
    [InlineData("?entries=many&unit=x", 400, "invalid entries \"many\": expected a number of entries or \"all\"")]
    [InlineData("?boot=yesterday", 400,
        "invalid boot \"yesterday\": expected an offset such as 0 or -1, \"all\", "
        + "or a 32-digit boot ID with an optional offset")]
    [InlineData("?unit=incus%0A", 400, "invalid unit: control characters are not allowed in a unit name")]
    public async Task GetLog_BadValue_ErrorEnvelope(string query, int expected, string message)
    {
        var daemon = _daemon;

        var (status, body) = await daemon.GetAsync("/1.0/debug/log" + query);
        var (after, _) = await daemon.GetAsync("/1.0/debug/log?entries=1");

        Assert.Equal(expected, status);
        Assert.Equal(expected, (int)body["error_code"]!);
        Assert.Equal(message, (string?)body["error"]);
        Assert.Equal(200, after);
    }

    [Fact]
    public async Task GetLog_UndecodableQuery_400WithGoParseError()
    {
        var daemon = _daemon;

        // Sent raw: HttpClient would re-escape the bad '%'.
        var response = await RawGetAsync(daemon, "/1.0/debug/log?unit=%zz");

        Assert.StartsWith("HTTP/1.1 400", response);
        var body = JObject.Parse(response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
        Assert.Equal("invalid URL escape \"%zz\"", (string?)body["error"]);
        Assert.Equal(400, (int)body["error_code"]!);
    }

    private static async Task<string> RawGetAsync(DaemonProcess daemon, string target)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(daemon.SocketPath));
        await socket.SendAsync(Encoding.ASCII.GetBytes(
            $"GET {target} HTTP/1.1\r\nHost: incus-os\r\nConnection: close\r\n\r\n"));
        var buffer = new byte[8192];
        var total = new MemoryStream();
        int read;
        using var timeout = new CancellationTokenSource(Wait);
        while ((read = await socket.ReceiveAsync(buffer, timeout.Token)) > 0)
        {
            total.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(total.ToArray());
    }
}
