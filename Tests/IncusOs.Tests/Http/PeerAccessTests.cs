using System.Diagnostics;
using IncusOs.Tests.Support;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Http;

/// <summary>SO_PEERCRED checks and the audit line, with a real non-root client on the socket.</summary>
public sealed class PeerAccessTests
{
    private const string Nobody = "65534";

    [Fact]
    public async Task Request_FromNonRootStranger_Is403WithEnvelopeAndAudited()
    {
        await using var daemon = await DaemonProcess.StartAsync();
        OpenSocketToEveryone(daemon);

        var (status, body) = await CurlAsNobodyAsync(daemon, "PUT", "/1.0/system", "{\"action\":\"reboot\"}");

        Assert.Equal(403, status);
        Assert.Equal(403, (int)body["error_code"]!);
        Assert.Equal("access denied for uid 65534", (string?)body["error"]);
        // The audit line is written once the answer has gone out.
        await WaitForAsync(() => daemon.Output.Contains("API PUT /1.0/system by uid 65534"));
        Assert.Contains(": 403 in ", daemon.Output);
    }

    [Fact]
    public async Task Request_FromMemberOfSocketGroup_IsServed()
    {
        await using var daemon = await DaemonProcess.StartAsync(extraArgs: ["--socket-group", "nogroup"]);
        OpenSocketToEveryone(daemon);

        var (status, body) = await CurlAsNobodyAsync(daemon, "GET", "/1.0", null);

        Assert.Equal(200, status);
        Assert.Equal("IncusOS", (string?)body["metadata"]!["environment"]!["os_name"]);
    }

    [Fact]
    public async Task Mutation_FromRoot_AuditedWithoutTheBody()
    {
        await using var daemon = await DaemonProcess.StartAsync();

        var (status, _) = await daemon.SendAsync(HttpMethod.Put, "/1.0/system", "{\"action\":\"not-a-secret-x1\"}");

        Assert.Equal(400, status);
        await WaitForAsync(() => daemon.Output.Contains("API PUT /1.0/system by uid 0 pid "));
        Assert.DoesNotContain("not-a-secret-x1\"", daemon.Output.Replace("invalid action", string.Empty));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private static void OpenSocketToEveryone(DaemonProcess daemon)
    {
        // The daemon's own 0700 directory keeps strangers out; open it so the peer check is what answers.
        const UnixFileMode all = (UnixFileMode)0x1ff;
        File.SetUnixFileMode(daemon.Directory, all);
        File.SetUnixFileMode(Path.GetDirectoryName(daemon.SocketPath)!, all);
        File.SetUnixFileMode(daemon.SocketPath, all);
    }

    private static async Task<(int Status, JObject Body)> CurlAsNobodyAsync(
        DaemonProcess daemon, string method, string path, string? body)
    {
        var info = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     "--reuid", Nobody, "--regid", Nobody, "--clear-groups", "curl", "-s", "-w", "\n%{http_code}",
                     "-X", method, "--unix-socket", daemon.SocketPath, "http://incus-os" + path,
                 })
        {
            info.ArgumentList.Add(arg);
        }

        if (body is not null)
        {
            info.ArgumentList.Add("-d");
            info.ArgumentList.Add(body);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var split = output.LastIndexOf('\n');

        return (int.Parse(output[(split + 1)..]), JObject.Parse(output[..split]));
    }
}
