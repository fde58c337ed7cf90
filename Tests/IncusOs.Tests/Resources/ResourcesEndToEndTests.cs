using IncusOs.Providers.Simulation;
using IncusOs.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Resources;

/// <summary><c>/1.0/system/resources</c> over the real socket of <c>incus-osd --simulate</c>.</summary>
public sealed class ResourcesEndToEndTests : IClassFixture<DaemonFixture>
{
    private readonly DaemonProcess _daemon;

    public ResourcesEndToEndTests(DaemonFixture fixture)
    {
        _daemon = fixture.Daemon;
    }

    [Fact]
    public async Task Get_SimulatedMachine_DrivesAndNicsOfMachineJson()
    {
        var machine = ReadMachine();

        var metadata = (JObject)await _daemon.GetMetadataAsync("/1.0/system/resources");

        Assert.Equal(
            ["cpu", "memory", "gpu", "network", "storage", "usb", "pci", "system", "load"],
            metadata.Properties().Select(p => p.Name));
        Assert.Equal(
            machine.Drives.OrderBy(d => d.Name, StringComparer.Ordinal)
                .Select(d => (d.Name, d.Model, d.Serial, (ulong)d.SizeBytes, Path.GetFileName(d.Id))),
            metadata["storage"]!["disks"]!.Select(d => (
                (string)d["id"]!, (string)d["model"]!, (string)d["serial"]!, (ulong)d["size"]!,
                (string)d["device_id"]!)));
        Assert.Equal(
            machine.Nics.OrderBy(n => n.Name, StringComparer.Ordinal).Select(n => (n.Name, n.Mac, n.PciAddress)),
            metadata["network"]!["cards"]!.Select(c => (
                (string)c["ports"]![0]!["id"]!, (string)c["ports"]![0]!["address"]!, (string)c["pci_address"]!)));
        Assert.Equal(
            (ulong)(machine.Cpu.Sockets * machine.Cpu.CoresPerSocket * machine.Cpu.ThreadsPerCore),
            (ulong)metadata["cpu"]!["total"]!);
        Assert.Equal((ulong)machine.MemoryBytes, (ulong)metadata["memory"]!["total"]!);
        Assert.Equal(
            ["Average1Min", "Average5Min", "Average10Min", "Processes"],
            ((JObject)metadata["load"]!).Properties().Select(p => p.Name));
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("POST")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task NonGet_Resources_NotImplemented(string method)
    {
        var (status, body) = await _daemon.SendAsync(new HttpMethod(method), "/1.0/system/resources", "{}");

        Assert.Equal(501, status);
        Assert.Equal("error", (string)body["type"]!);
    }

    private MachineDocument ReadMachine() =>
        JsonConvert.DeserializeObject<MachineDocument>(
            File.ReadAllText(Path.Combine(_daemon.StateDirectory, "machine", SimulatedMachine.DocumentFile)))!;
}
