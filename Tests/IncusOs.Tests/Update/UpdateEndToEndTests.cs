using IncusOs.Tests.Support;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Update;

/// <summary>
/// <c>/1.0/system/update</c> over the unix socket of a real <c>incus-osd --simulate</c>: a release published
/// in <c>STATE/updates</c> is found, staged and, after a simulated reboot, running; bad PUT bodies are
/// refused with the error envelope and change nothing.
/// </summary>
public sealed class UpdateEndToEndTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Check_PublishedRelease_StagedThenRunningAfterReboot()
    {
        const string version = "202607010000";
        await using var daemon = await DaemonProcess.StartAsync();
        var running = (string)(await daemon.GetMetadataAsync("/1.0"))["environment"]!["os_version"]!;

        Publish(daemon.StateDirectory, version);
        var (postStatus, postBody) = await daemon.SendAsync(HttpMethod.Post, "/1.0/system/update", null);
        await EventuallyAsync(async () => (bool)(await StateAsync(daemon))["needs_reboot"]!);
        var staged = await StateAsync(daemon);
        var (rebootStatus, _) = await daemon.SendAsync(HttpMethod.Put, "/1.0/system", """{"action":"reboot"}""");
        await EventuallyAsync(async () =>
            (string?)(await daemon.GetMetadataAsync("/1.0"))["environment"]!["os_version"] == version);
        await EventuallyAsync(async () => !(bool)(await StateAsync(daemon))["needs_reboot"]!);

        Assert.Equal("202512010000", running);
        Assert.Equal(200, postStatus);
        Assert.Equal(JTokenType.Object, postBody["metadata"]!.Type);
        Assert.Equal($"IncusOS has been updated to version {version}", (string?)staged["update_status"]);
        Assert.NotEqual("\"0001-01-01T00:00:00Z\"", staged["last_check"]!.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal(200, rebootStatus);
    }

    [Fact]
    public async Task Put_BadInput_400EnvelopeAndConfigUnchanged()
    {
        await using var daemon = await DaemonProcess.StartAsync();
        const string good = """
            {"config":{"update_frequency":43200000000000,"auto_reboot":true,"maintenance_windows":[
              {"start_day_of_week":"Sunday","start_hour":2,"start_minute":0,
               "end_day_of_week":"Sunday","end_hour":4,"end_minute":0}]}}
            """;
        var (goodStatus, _) = await daemon.SendAsync(HttpMethod.Put, "/1.0/system/update", good);
        var before = (await daemon.GetMetadataAsync("/1.0/system/update"))["config"]!;
        string[] bad =
        [
            "",
            "{",
            """{"config":{}} trailing""",
            "[]",
            """{"config":"weekly"}""",
            """{"config":{"update_frequency":"6h"}}""",
            """{"config":{"update_frequency":1.5}}""",
            """{"config":{"update_frequency":1e12}}""",
            """{"config":{"update_frequency":-300000000000}}""",
            """{"config":{"update_frequency":99999999999999999999999}}""",
            """{"config":{"auto_reboot":"yes"}}""",
            """{"config":{"auto_reboot":1}}""",
            """{"config":{"maintenance_windows":{}}}""",
            """{"config":{"maintenance_windows":[{"start_hour":"2"}]}}""",
            """{"config":{"maintenance_windows":[{"start_minute":true}]}}""",
            """{"config":{"maintenance_windows":[{"end_hour":[]}]}}""",
            """{"config":{"maintenance_windows":[{"end_minute":{}}]}}""",
            """{"config":{"maintenance_windows":[{"start_day_of_week":1,"end_day_of_week":"Monday"}]}}""",
            """{"config":{"maintenance_windows":[{"start_day_of_week":"Monday","end_day_of_week":false}]}}""",
            """{"config":{"maintenance_windows":[{"start_day_of_week":"Monday","start_hour":1,"end_hour":2}]}}""",
            """{"config":{"maintenance_windows":[{"end_day_of_week":"Monday","start_hour":1,"end_hour":2}]}}""",
            """
            {"config":{"maintenance_windows":[
              {"start_day_of_week":"Friday","start_hour":5,"end_day_of_week":"Friday","end_hour":4}]}}
            """,
            """{"config":{"maintenance_windows":[{"start_day_of_week":"Funday","end_day_of_week":"Monday"}]}}""",
        ];

        var answers = new List<(string Body, int Status, JObject Envelope)>();
        foreach (var body in bad)
        {
            var (status, envelope) = await daemon.SendAsync(HttpMethod.Put, "/1.0/system/update", body);
            answers.Add((body, status, envelope));
        }

        var after = (await daemon.GetMetadataAsync("/1.0/system/update"))["config"]!;

        Assert.Equal(200, goodStatus);
        Assert.All(answers, a =>
        {
            Assert.True(a.Status == 400, $"{a.Body} answered {a.Status}");
            Assert.Equal("error", (string?)a.Envelope["type"]);
            Assert.Equal(400, (int)a.Envelope["error_code"]!);
            Assert.False(string.IsNullOrEmpty((string?)a.Envelope["error"]));
        });
        Assert.Equal("EOF", (string?)answers[0].Envelope["error"]);
        Assert.True(JToken.DeepEquals(before, after), $"config changed: {after}");
        Assert.Equal(43200000000000, (long)after["update_frequency"]!);
    }

    [Fact]
    public async Task Methods_PostBurstAndUnsupported_AnsweredAtOnce()
    {
        await using var daemon = await DaemonProcess.StartAsync();

        var posts = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(_ => daemon.SendAsync(HttpMethod.Post, "/1.0/system/update", "ignored")));
        var (deleteStatus, deleteBody) = await daemon.SendAsync(HttpMethod.Delete, "/1.0/system/update", null);
        var (putStatus, _) = await daemon.SendAsync(
            HttpMethod.Put, "/1.0/system/update", """{"config":{"update_frequency":0}}""");
        var config = (await daemon.GetMetadataAsync("/1.0/system/update"))["config"]!;

        Assert.All(posts, p => Assert.Equal(200, p.Status));
        Assert.Equal(501, deleteStatus);
        Assert.Equal("not implemented", (string?)deleteBody["error"]);
        Assert.Equal(200, putStatus);
        Assert.Equal(21600000000000, (long)config["update_frequency"]!);
        Assert.Null(config["maintenance_windows"]);
    }

    /// <summary>How a user or a harness publishes a release for the simulated machine (README).</summary>
    private static void Publish(string stateDirectory, string version)
    {
        var directory = Path.Combine(stateDirectory, "updates");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, $"IncusOS_{version}.efi"), "simulated UKI");
        File.WriteAllText(Path.Combine(directory, $"IncusOS_{version}.usr-x86-64.0a1b2c3d.raw"), "simulated usr image");
        File.WriteAllText(Path.Combine(directory, "RELEASE"), version + "\n");
    }

    private static async Task<JToken> StateAsync(DaemonProcess daemon) =>
        (await daemon.GetMetadataAsync("/1.0/system/update"))["state"]!;

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(Wait);
        while (!await condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }
}
