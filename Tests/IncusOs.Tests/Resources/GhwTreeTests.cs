using IncusOs.Actors.Common;
using IncusOs.Providers;
using IncusOs.Providers.Resources;
using IncusOs.Providers.Resources.Sections;
using IncusOs.Tests.Support;
using Newtonsoft.Json;

namespace IncusOs.Tests.Resources;

/// <summary>The ghw Ryzen 5 1600 capture (fixtures/sysfs/README.md §1), read through its root.</summary>
public sealed class GhwTreeTests : IDisposable
{
    private readonly TempTree _ids = new();
    private readonly ResourcesCollector _collector;

    public GhwTreeTests()
    {
        // Just the entries these tests look up, in pci.ids format.
        _ids.File("/pci.ids", "10ec  Realtek Semiconductor Co., Ltd.\n"
            + "\t8168  RTL8111/8168/8411 PCI Express Gigabit Ethernet Controller\n"
            + "8086  Intel Corporation\n\t1521  I350 Gigabit Network Connection\n"
            + "\t\t8086 00a3  Subsystem line, not a product\n"
            + "C 02  Network controller\n");
        _collector = new ResourcesCollector(
            new SysTree(TestPaths.Fixture("sysfs", "ghw-ryzen-1600"), textLinks: true),
            new FakeProbes(),
            new AbsentEthtool(),
            new ResourcesPaths([_ids.Root + "/pci.ids"], _ids.Root + "/usb.ids"));
    }

    [Fact]
    public void Cpu_RyzenTopology_OneSocketSixCoresTwelveThreads()
    {
        var cpu = CpuCollector.Collect(Context());

        var socket = Assert.Single(cpu.Sockets);
        Assert.Equal(12UL, cpu.Total);
        Assert.Equal("AMD Ryzen 5 1600 Six-Core Processor", socket.Name);
        Assert.Equal("AuthenticAMD", socket.Vendor);
        Assert.Equal([0UL, 1, 2, 4, 5, 6], socket.Cores.Select(c => c.Core));
        Assert.Equal(
            [[0L, 6], [1, 7], [2, 8], [3, 9], [4, 10], [5, 11]],
            socket.Cores.Select(c => c.Threads.Select(t => t.Id).ToArray()));
        Assert.All(socket.Cores, c => Assert.Equal([0UL, 1], c.Threads.Select(t => t.Thread)));
        Assert.Equal(
            [(1UL, "Data", 32UL << 10), (1, "Instruction", 64UL << 10), (2, "Unified", 512UL << 10),
                (3, "Unified", 8192UL << 10)],
            socket.Cache!.Select(c => (c.Level, c.Type, c.Size)));
        Assert.Equal((43UL, 48UL), (socket.AddressSizes!.PhysicalBits, socket.AddressSizes.VirtualBits));
        Assert.Equal(0UL, socket.Frequency + socket.FrequencyMinimum + socket.FrequencyTurbo);
        Assert.Contains("sse4a", socket.Cores[0].Flags!);
    }

    [Fact]
    public void Memory_OnlineBlocks_ReplaceMemTotal()
    {
        var memory = MemoryCollector.Collect(Context());

        Assert.Equal(34_359_738_368UL, memory.Total);
        Assert.DoesNotContain("\"nodes\"", JsonConvert.SerializeObject(memory, WireJson.Settings));
        var unused = FixtureMeminfo("MemFree") + FixtureMeminfo("Cached") + FixtureMeminfo("Buffers");
        Assert.Equal(memory.Total - unused, memory.Used);
    }

    [Fact]
    public void Network_NicsWithoutDeviceLink_FoundByPciClassWithNames()
    {
        var network = NetworkCollector.Collect(Context());

        Assert.Equal(4UL, network.Total);
        Assert.Equal(
            [("0000:03:00.0", "10ec", "8168"), ("0000:06:00.0", "8086", "1521"), ("0000:06:00.1", "8086", "1521"),
                ("0000:08:00.0", "10ec", "8168")],
            network.Cards.Select(c => (c.PciAddress, c.VendorId, c.ProductId)));
        Assert.Equal("Realtek Semiconductor Co., Ltd.", network.Cards[0].Vendor);
        Assert.Equal("RTL8111/8168/8411 PCI Express Gigabit Ethernet Controller", network.Cards[0].Product);
        Assert.Equal("I350 Gigabit Network Connection", network.Cards[1].Product);
        Assert.All(network.Cards, c => Assert.Empty(c.Ports!));
    }

    [Fact]
    public void Pci_FortyThreeFunctions_InAddressOrder()
    {
        var pci = PciCollector.Collect(Context());

        Assert.Equal(43UL, pci.Total);
        var addresses = pci.Devices.Select(d => d.PciAddress).ToList();
        Assert.Equal(addresses.Order(StringComparer.Ordinal), addresses);
        var gpu = Assert.Single(pci.Devices, d => d.PciAddress == "0000:0a:00.0");
        Assert.Equal(
            ("1002", "6758", string.Empty, 0UL, 0UL),
            (gpu.VendorId, gpu.ProductId, gpu.Driver, gpu.NumaNode, gpu.IommuGroup));
        var sata = Assert.Single(pci.Devices, d => d.PciAddress == "0000:01:00.1");
        Assert.Equal(("1022", "43b7"), (sata.VendorId, sata.ProductId));
    }

    [Fact]
    public void Storage_NoClassBlock_NoDisks()
    {
        var storage = StorageCollector.Collect(Context());

        Assert.Empty(storage.Disks);
        Assert.Equal(0UL, storage.Total);
    }

    [Fact]
    public async Task System_NoDmiNoLshw_BareObject()
    {
        var system = await SystemCollector.CollectAsync(Context());

        Assert.Equal("physical", system.Type);
        Assert.Equal(string.Empty, system.Vendor + system.Product + system.Uuid);
        Assert.Null(system.Firmware);
        Assert.Null(system.Chassis);
        Assert.Null(system.Motherboard);
    }

    [Fact]
    public async Task Collect_DrmCardWithoutDev_FailsWholeDocumentInGpu()
    {
        var error = await Assert.ThrowsAsync<ProviderException>(() => _collector.CollectAsync(CancellationToken.None));

        Assert.Equal(
            "Failed to retrieve GPU information: Failed to read "
            + "\"/sys/bus/pci/devices/0000:0a:00.0/drm/card0/dev\": no such file or directory",
            error.Message);
    }

    [Fact]
    public void Load_NoLoadavg_FailsNamingFile()
    {
        var error = Assert.Throws<ProviderException>(
            () => ResourcesCollector.Section("load", Context(), LoadCollector.Collect));

        Assert.Equal(
            "Failed to retrieve load information: Failed to read \"/proc/loadavg\": no such file or directory",
            error.Message);
    }

    public void Dispose() => _ids.Dispose();

    private CollectContext Context() => _collector.CreateContext(CancellationToken.None);

    private static ulong FixtureMeminfo(string key)
    {
        var line = File.ReadLines(TestPaths.Fixture("sysfs", "ghw-ryzen-1600", "proc", "meminfo"))
            .Single(l => l.StartsWith(key + ":", StringComparison.Ordinal));

        return ulong.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
