using IncusOs.Providers.Simulation;
using IncusOs.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Debug;

/// <summary><c>/1.0/debug/log</c> across a simulated reboot, on a daemon of its own.</summary>
public sealed class DebugRebootEndToEndTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task GetLog_PreviousBootAfterReboot_ThatBootsDaemonLog()
    {
        await using var daemon = await DaemonProcess.StartAsync();
        var firstBoot = ReadMachine(daemon).CurrentBoot.Id;
        var current = (JArray)await daemon.GetMetadataAsync("/1.0/debug/log?unit=incus-osd");
        Assert.Contains(
            current, e => ((string)e["MESSAGE"]!).Contains(" INFO Listening on ", StringComparison.Ordinal));

        var (status, _) = await daemon.SendAsync(HttpMethod.Put, "/1.0/system", "{\"action\":\"reboot\"}");
        Assert.Equal(200, status);
        var secondBoot = await WaitForNewBootAsync(daemon, firstBoot);
        var previous = (JArray)await daemon.GetMetadataAsync("/1.0/debug/log?unit=incus-osd&boot=-1");
        var now = (JArray)await daemon.GetMetadataAsync("/1.0/debug/log?boot=0");

        Assert.NotEmpty(previous);
        Assert.All(previous, e => Assert.Equal(firstBoot, (string?)e["_BOOT_ID"]));
        Assert.All(previous, e => Assert.Equal("incus-osd.service", (string?)e["_SYSTEMD_UNIT"]));
        Assert.True(previous.Count >= current.Count, $"{previous.Count} entries now, {current.Count} before");
        Assert.Equal(current, previous.Take(current.Count), JToken.EqualityComparer);
        Assert.All(now, e => Assert.Equal(secondBoot, (string?)e["_BOOT_ID"]));
        var (byId, _) = await daemon.GetAsync($"/1.0/debug/log?boot={firstBoot}&entries=1");
        Assert.Equal(200, byId);
    }

    private static MachineDocument ReadMachine(DaemonProcess daemon) =>
        JsonConvert.DeserializeObject<MachineDocument>(
            File.ReadAllText(Path.Combine(daemon.StateDirectory, "machine", SimulatedMachine.DocumentFile)))!;

    private static async Task<string> WaitForNewBootAsync(DaemonProcess daemon, string bootId)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            var current = ReadMachine(daemon).CurrentBoot.Id;
            var (status, _) = await daemon.GetAsync("/1.0");
            if (current != bootId && status == 200)
            {
                return current;
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
