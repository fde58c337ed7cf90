using IncusOs.Actors.Common;
using IncusOs.Providers;
using IncusOs.Providers.Resources;
using IncusOs.Providers.Resources.Sections;
using IncusOs.Tests.Support;
using Newtonsoft.Json;

namespace IncusOs.Tests.Resources;

/// <summary>The stitched node_exporter tree (fixtures/sysfs/README.md §2), read through its root.</summary>
public sealed class NodeExporterTreeTests
{
    private readonly ResourcesCollector _collector = new(
        new SysTree(TestPaths.Fixture("sysfs", "node-exporter"), textLinks: true),
        new FakeProbes { SystemType = "physical" },
        new AbsentEthtool(),
        new ResourcesPaths([], "/nonexistent/usb.ids"));

    [Fact]
    public void Cpu_SysfsTopology_TwoSocketsOfTwoCores()
    {
        var cpu = CpuCollector.Collect(Context());

        Assert.Equal(4UL, cpu.Total);
        Assert.Equal([0UL, 1], cpu.Sockets.Select(s => s.Socket));
        Assert.All(cpu.Sockets, s => Assert.Equal([0UL, 1], s.Cores.Select(c => c.Core)));
        Assert.All(cpu.Sockets, s => Assert.Equal("Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz", s.Name));
        Assert.All(cpu.Sockets, s => Assert.Null(s.Cache));
        Assert.Equal(
            [(1699UL, 800UL, 3700UL), (8, 1, 4200)],
            cpu.Sockets.Select(s => (s.Frequency, s.FrequencyMinimum, s.FrequencyTurbo)));
        var threads = cpu.Sockets.SelectMany(s => s.Cores).SelectMany(c => c.Threads).ToList();
        Assert.Equal([0L, 1, 2, 3], threads.Select(t => t.Id));
        Assert.Equal([false, true, false, true], threads.Select(t => t.Isolated));
        Assert.All(threads, t => Assert.True(t.Online));
        var sizes = cpu.Sockets[1].AddressSizes!;
        Assert.Equal((39UL, 48UL), (sizes.PhysicalBits, sizes.VirtualBits));
    }

    [Fact]
    public void Memory_NoMemoryBlocks_MemTotalAndNodeMeminfo()
    {
        var memory = MemoryCollector.Collect(Context());

        Assert.Equal(3_742_148UL * 1024, memory.Total);
        Assert.Equal((3_742_148UL - 225_472 - 930_888 - 22_040) * 1024, memory.Used);
        Assert.Equal(
            [(0UL, 134_182_340UL * 1024), (1, 134_217_728UL * 1024), (2, 134_217_728UL * 1024)],
            memory.Nodes!.Select(n => (n.NumaNode, n.Total)));
        Assert.Equal(81_151_968UL * 1024, memory.Nodes![0].Used);
        Assert.Equal(94_582_940UL * 1024, memory.Nodes![1].Used);
    }

    [Fact]
    public async Task System_DellDmi_AllFieldsAndRackMountChassis()
    {
        var system = await SystemCollector.CollectAsync(Context());

        Assert.Equal(
            ("83340ca8-cb49-4474-8c29-d2088ca84dd9", "Dell Inc.", "PowerEdge R6515", "PowerEdge",
                "SKU=NotProvided;ModelName=PowerEdge R6515", "7N62AI2", "physical"),
            (system.Uuid, system.Vendor, system.Product, system.Family, system.Sku, system.Serial, system.Type));
        Assert.Equal("\uFFFD\u001c[\uFFFD", system.Version);
        Assert.Equal(
            ("Dell Inc.", "04/12/2021", "2.2.4"),
            (system.Firmware!.Vendor, system.Firmware.Date, system.Firmware.Version));
        Assert.Equal(
            ("Dell Inc.", "Rack Mount Chassis", "7N62AI2", string.Empty),
            (system.Chassis!.Vendor, system.Chassis.Type, system.Chassis.Serial, system.Chassis.Version));
        Assert.Equal(
            ("Dell Inc.", "07PXPY", ".7N62AI2.GRTCL6944100GP.", "A01"),
            (system.Motherboard!.Vendor, system.Motherboard.Product, system.Motherboard.Serial,
                system.Motherboard.Version));
    }

    [Fact]
    public void Load_Loadavg_ThirdFieldAsAverage10MinAndNoProcesses()
    {
        var load = LoadCollector.Collect(Context());

        Assert.Equal(
            "{\"Average1Min\":0.21,\"Average5Min\":0.37,\"Average10Min\":0.39,\"Processes\":0}",
            JsonConvert.SerializeObject(load, WireJson.Settings));
    }

    [Fact]
    public void Storage_NoClassBlock_NoDisks()
    {
        var storage = StorageCollector.Collect(Context());

        Assert.Empty(storage.Disks);
    }

    [Fact]
    public void Pci_DanglingDriverLink_FailsNamingLink()
    {
        var error = Assert.Throws<ProviderException>(
            () => ResourcesCollector.Section("PCI", Context(), PciCollector.Collect));

        Assert.Equal(
            "Failed to retrieve PCI information: Failed to resolve "
            + "\"/sys/bus/pci/devices/0000:00:02.1/driver\": no such file or directory",
            error.Message);
    }

    [Fact]
    public async Task Collect_DanglingNicDriverLink_FailsWholeDocumentInNetwork()
    {
        var error = await Assert.ThrowsAsync<ProviderException>(() => _collector.CollectAsync(CancellationToken.None));

        Assert.Equal(
            "Failed to retrieve network information: Failed to resolve "
            + "\"/sys/bus/pci/devices/0000:45:00.0/driver\": no such file or directory",
            error.Message);
    }

    [Fact]
    public void Udev_SasDiskRecord_PropertiesAsCollectorSeesThem()
    {
        var record = File.ReadAllText(TestPaths.Fixture("sysfs", "node-exporter", "run", "udev", "data", "b8:0"));

        var properties = UdevProperties.Parse(record);

        Assert.Equal("7200", properties["E:ID_ATA_ROTATION_RATE_RPM"]);
        Assert.Equal("1", properties["E:ID_ATA_SATA"]);
        Assert.DoesNotContain(properties.Keys, k => !k.StartsWith("E:", StringComparison.Ordinal));
    }

    private CollectContext Context() => _collector.CreateContext(CancellationToken.None);
}
