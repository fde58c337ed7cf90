using IncusOs.Tests.Support;
using Newtonsoft.Json;

namespace IncusOs.Tests.Services;

/// <summary>Service config and identity survive a daemon restart and a simulated reboot.</summary>
public sealed class ServicesPersistenceEndToEndTests
{
    [Fact]
    public async Task RestartAndReboot_KeepConfigInitiatorNameAndNvmeIdentity()
    {
        await using var daemon = await DaemonProcess.StartAsync();
        await daemon.SendAsync(
            HttpMethod.Put,
            "/1.0/services/iscsi",
            """{"config":{"enabled":true,"targets":[{"target":"iqn.t","address":"10.0.0.5","port":3260}]}}""");
        await daemon.SendAsync(HttpMethod.Post, "/1.0/services/nvme", """{"config":{"enabled":true}}""");
        var iscsi = (await daemon.GetMetadataAsync("/1.0/services/iscsi")).ToString(Formatting.None);
        var nvme = (await daemon.GetMetadataAsync("/1.0/services/nvme")).ToString(Formatting.None);

        await daemon.RestartAsync();
        var iscsiAfterRestart = (await daemon.GetMetadataAsync("/1.0/services/iscsi")).ToString(Formatting.None);
        await daemon.SendAsync(HttpMethod.Put, "/1.0/system", """{"action":"reboot"}""");
        await WaitForBootAsync(daemon, 2);
        var nvmeAfterReboot = (await daemon.GetMetadataAsync("/1.0/services/nvme")).ToString(Formatting.None);

        Assert.Equal(iscsi, iscsiAfterRestart);
        Assert.Equal(nvme, nvmeAfterReboot);
        Assert.Contains("\"initiator_name\":\"iqn.2004-10.org.linuxcontainers:01:", iscsi);
    }

    private static async Task WaitForBootAsync(DaemonProcess daemon, int boots)
    {
        var path = Path.Combine(daemon.StateDirectory, "machine", "machine.json");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (JsonConvert.DeserializeObject<Providers.Simulation.MachineDocument>(File.ReadAllText(path))!
                   .Boots.Count < boots)
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
