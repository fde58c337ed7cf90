using IncusOs.Providers.Simulation;
using IncusOs.Tests.Support;
using Newtonsoft.Json;

namespace IncusOs.Tests.Machine;

/// <summary>The system endpoints against a real <c>incus-osd --simulate</c> over its socket.</summary>
public sealed class SystemEndToEndTests
{
    [Fact]
    public async Task PutSystem_Reboot_RecordsANewBootAndKeepsServing()
    {
        await using var daemon = await DaemonProcess.StartAsync();
        var before = ReadMachine(daemon);

        var (status, body) = await daemon.SendAsync(HttpMethod.Put, "/1.0/system", "{\"action\":\"reboot\"}");

        Assert.Equal(200, status);
        Assert.Equal("{}", body["metadata"]!.ToString(Formatting.None));
        var after = await WaitForBootsAsync(daemon, before.Boots.Count + 1);
        Assert.NotEqual(before.CurrentBoot.Id, after.CurrentBoot.Id);
        Assert.Equal(before.CurrentBoot.Number + 1, after.CurrentBoot.Number);
        var (again, _) = await daemon.GetAsync("/1.0");
        Assert.Equal(200, again);
    }

    [Fact]
    public async Task PutSystem_RebootTwice_BothAnswered200()
    {
        await using var daemon = await DaemonProcess.StartAsync();

        var first = daemon.SendAsync(HttpMethod.Put, "/1.0/system", "{\"action\":\"reboot\"}");
        var second = daemon.SendAsync(HttpMethod.Put, "/1.0/system", "{\"action\":\"reboot\"}");

        Assert.Equal(200, (await first).Status);
        Assert.Equal(200, (await second).Status);
    }

    [Fact]
    public async Task PutSystem_PowerOff_ExitsZeroAndNextStartIsANewBoot()
    {
        await using var daemon = await DaemonProcess.StartAsync();
        var before = ReadMachine(daemon);

        var (status, _) = await daemon.SendAsync(HttpMethod.Put, "/1.0/system", "{\"action\":\"poweroff\"}");
        var exit = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(200, status);
        Assert.Equal(0, exit);
        Assert.Contains("Stopping, requested by IncusOs.Providers.Machine.SimulatedPowerControl", daemon.Output);
        Assert.False(File.Exists(daemon.SocketPath));
        Assert.True(ReadMachine(daemon).PoweredOff);
        await daemon.StartAgainAsync();
        var after = ReadMachine(daemon);
        Assert.Equal(before.Boots.Count + 1, after.Boots.Count);
        Assert.False(after.PoweredOff);
    }

    [Fact]
    public async Task Sigterm_Restart_ExitsZeroAndKeepsTheMachine()
    {
        await using var daemon = await DaemonProcess.StartAsync();
        var before = ReadMachine(daemon);
        var hostname = (string?)(await daemon.GetMetadataAsync("/1.0"))["environment"]!["hostname"];

        var exit = await daemon.StopAsync();
        var socketGone = !File.Exists(daemon.SocketPath);
        var output = daemon.Output;
        await daemon.StartAgainAsync();

        Assert.Equal(0, exit);
        Assert.True(socketGone);
        Assert.Contains("Stopping, requested by System.Runtime.InteropServices.PosixSignalRegistration", output);
        var after = ReadMachine(daemon);
        Assert.Equal(before.Boots.Count, after.Boots.Count);
        Assert.Equal(before.ProductUuid, after.ProductUuid);
        Assert.Equal(hostname, (string?)(await daemon.GetMetadataAsync("/1.0"))["environment"]!["hostname"]);
    }

    [Theory]
    [InlineData("", "EOF")]
    [InlineData("{\"action\":", null)]
    [InlineData("{\"action\":\"reboot\"} trailing", null)]
    [InlineData("{\"action\":5}", "json: cannot unmarshal number into field \"action\" of type string")]
    [InlineData("{\"action\":\"dance\"}", "invalid action \"dance\"")]
    [InlineData("{}", "invalid action \"\"")]
    [InlineData("{\"action\":\"Reboot\"}", "invalid action \"Reboot\"")]
    [InlineData("[]", "json: cannot unmarshal array into a request object")]
    public async Task PutSystem_BadInput_Is400AndDaemonKeepsAnswering(string body, string? message)
    {
        await using var daemon = await DaemonProcess.StartAsync();
        var before = ReadMachine(daemon);

        var (status, envelope) = await daemon.SendAsync(HttpMethod.Put, "/1.0/system", body);

        Assert.Equal(400, status);
        Assert.Equal(400, (int)envelope["error_code"]!);
        if (message is not null)
        {
            Assert.Equal(message, (string?)envelope["error"]);
        }

        Assert.Equal(200, (await daemon.GetAsync("/1.0")).Status);
        Assert.Equal(before.Boots.Count, ReadMachine(daemon).Boots.Count);
    }

    [Fact]
    public async Task PutSystem_UpperCaseKey_MatchesActionField()
    {
        await using var daemon = await DaemonProcess.StartAsync();

        var (status, _) = await daemon.SendAsync(HttpMethod.Put, "/1.0/system", "{\"ACTION\":\"reboot\"}");

        Assert.Equal(200, status);
    }

    private static MachineDocument ReadMachine(DaemonProcess daemon) =>
        JsonConvert.DeserializeObject<MachineDocument>(
            File.ReadAllText(Path.Combine(daemon.StateDirectory, "machine", SimulatedMachine.DocumentFile)))!;

    private static async Task<MachineDocument> WaitForBootsAsync(DaemonProcess daemon, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var machine = ReadMachine(daemon);
            if (machine.Boots.Count >= count)
            {
                return machine;
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
