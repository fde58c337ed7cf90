using System.Diagnostics;
using IncusOs.Actors.Common;
using IncusOs.Providers.Process;
using IncusOs.Providers.Resources;
using IncusOs.Providers.Resources.Wire;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Resources;

/// <summary>
/// The collector on this machine against readings taken independently with util-linux and iproute2, and
/// against what resources.md §3 says this kind of VM produces.
/// </summary>
public sealed class LiveMachineTests
{
    private static readonly Lazy<Task<ResourcesDocument>> Document = new(CollectAsync);

    [Fact]
    public async Task Cpu_LiveMachine_MatchesNprocAndLscpu()
    {
        var cpu = (await Document.Value).Cpu;
        var lscpu = Lscpu();

        Assert.Equal(ulong.Parse(Run("nproc", "--all").Trim()), cpu.Total);
        Assert.Equal(lscpu["Architecture:"], cpu.Architecture);
        Assert.Equal(lscpu["Model name:"], cpu.Sockets[0].Name);
        Assert.Equal(lscpu["Vendor ID:"], cpu.Sockets[0].Vendor);
        var sizes = cpu.Sockets[0].AddressSizes!;
        Assert.Equal(lscpu["Address sizes:"], $"{sizes.PhysicalBits} bits physical, {sizes.VirtualBits} bits virtual");
        Assert.Equal(
            cpu.Total,
            (ulong)cpu.Sockets.SelectMany(s => s.Cores).SelectMany(c => c.Threads).Count());
        Assert.All(cpu.Sockets.SelectMany(s => s.Cores), c => Assert.NotEmpty(c.Flags!));
    }

    [Fact]
    public async Task Memory_LiveMachine_TotalIsOnlineMemoryFromLsmem()
    {
        var memory = (await Document.Value).Memory;
        var lsmemTotal = Run("lsmem", "-b", "--summary=only").Split('\n')
            .Single(l => l.StartsWith("Total online memory:", StringComparison.Ordinal));
        var memTotalLine = File.ReadLines("/proc/meminfo").First();
        var memTotalKib = ulong.Parse(memTotalLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);

        Assert.Equal(ulong.Parse(lsmemTotal.Split(':')[1].Trim()), memory.Total);
        Assert.True(memory.Total >= memTotalKib * 1024);
        Assert.InRange(memory.Used, 1UL, memory.Total);
        var node = Assert.Single(memory.Nodes!);
        Assert.Equal((0UL, memory.Total), (node.NumaNode, node.Total));
    }

    [Fact]
    public async Task Storage_LiveMachine_DisksAreLsblkDisksWithParentDevice()
    {
        var storage = (await Document.Value).Storage;
        var lsblk = JObject.Parse(Run("lsblk", "-J", "-b", "-o", "NAME,TYPE,SIZE,RO,RM,MAJ:MIN"))["blockdevices"]!
            .Where(d => (string?)d["type"] == "disk" && Directory.Exists($"/sys/block/{d["name"]}/device"))
            .Select(d => (
                (string)d["name"]!, (string)d["maj:min"]!, (ulong)d["size"]!, (bool)d["ro"]!, (bool)d["rm"]!));

        Assert.Equal(lsblk, storage.Disks.Select(d => (d.Id, d.Device, d.Size, d.ReadOnly, d.Removable)));
        Assert.DoesNotContain(
            storage.Disks,
            d => d.Id.StartsWith("loop", StringComparison.Ordinal)
                || d.Id.StartsWith("zram", StringComparison.Ordinal));
        Assert.Equal(storage.Total, (ulong)(storage.Disks.Count + storage.Disks.Sum(d => d.Partitions.Count)));
        foreach (var disk in storage.Disks.Where(d => d.Id.StartsWith("vd", StringComparison.Ordinal)))
        {
            Assert.Equal("virtio", disk.Type);
            Assert.Matches("^0000:00:[0-9a-f]{2}\\.[0-7]$", disk.PciAddress);
            if (CanOpen($"/dev/{disk.Id}"))
            {
                Assert.InRange(disk.BlockSize, 512UL, 65536UL);
            }
            else
            {
                Assert.Equal(0UL, disk.BlockSize);
            }
        }
    }

    [Fact]
    public async Task Network_LiveMachine_PortsAreIpLinksWithParentDevice()
    {
        var network = (await Document.Value).Network;
        var links = JArray.Parse(Run("ip", "-j", "-d", "link"))
            .Where(l => l["parentbus"] is not null)
            .Select(l => ((string)l["ifname"]!, (string)l["address"]!, (string)l["operstate"]! == "UP"))
            .OrderBy(l => l.Item1, StringComparer.Ordinal);

        var ports = network.Cards.SelectMany(c => c.Ports ?? []).Select(p => (p.Id, p.Address, p.LinkDetected));

        Assert.Equal(links, ports);
        Assert.DoesNotContain(ports, p => p.Id == "lo" || p.Id.StartsWith("ifb", StringComparison.Ordinal));
        Assert.Equal((ulong)network.Cards.Count, network.Total);
        foreach (var card in network.Cards.Where(c => c.Driver == "virtio_net"))
        {
            Assert.Equal(("1af4", "0001", 0UL), (card.VendorId, card.ProductId, card.NumaNode));
            var port = card.Ports![0];
            Assert.Equal(("ethernet", "other", "internal"), (port.Protocol, port.PortType, port.TransceiverType));
            Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), card.DriverVersion);
        }
    }

    [Fact]
    public async Task Pci_LiveMachine_EveryFunctionInAddressOrder()
    {
        var pci = (await Document.Value).Pci;
        var addresses = Directory.GetFileSystemEntries("/sys/bus/pci/devices")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);

        Assert.Equal(addresses, pci.Devices.Select(d => d.PciAddress));
        Assert.All(pci.Devices, d => Assert.Matches("^[0-9a-f]{4}$", d.VendorId));
        Assert.All(pci.Devices, d => Assert.Equal(d.Driver.Length == 0, d.DriverVersion.Length == 0));
    }

    [Fact]
    public async Task System_LiveMachine_TypeFromDetectVirtAndNoDmi()
    {
        var system = (await Document.Value).System;
        var container = ExitCode("systemd-detect-virt", "--container") == 0;

        if (container)
        {
            Assert.Equal("container", system.Type);
        }
        else
        {
            Assert.Contains(system.Type, new[] { "virtual-machine", "physical" });
        }

        if (!Directory.Exists("/sys/class/dmi/id"))
        {
            Assert.Null(system.Firmware);
            Assert.Equal(string.Empty, system.Vendor + system.Product + system.Uuid);
        }
    }

    [Fact]
    public async Task Load_LiveMachine_GoFieldNamesAndPidCount()
    {
        var document = await Document.Value;
        var json = JObject.Parse(JsonConvert.SerializeObject(document, WireJson.Settings));
        var pids = Directory.GetDirectories("/proc").Count(d => int.TryParse(Path.GetFileName(d), out _));

        Assert.Equal(
            ["cpu", "memory", "gpu", "network", "storage", "usb", "pci", "system", "load"],
            json.Properties().Select(p => p.Name));
        Assert.Equal(
            ["Average1Min", "Average5Min", "Average10Min", "Processes"],
            ((JObject)json["load"]!).Properties().Select(p => p.Name));
        Assert.InRange(document.Load.Processes, 1, pids * 2);
        Assert.InRange(document.Load.Average1Min, 0, 1000);
    }

    private static Task<ResourcesDocument> CollectAsync()
    {
        var probes = new HostProbes(new ProcessRunner(NullLogger<ProcessRunner>.Instance));

        var provider = new HostResourcesProvider(probes, new HostEthtool(), ResourcesPaths.Default);

        return provider.CollectAsync(CancellationToken.None);
    }

    private static Dictionary<string, string> Lscpu() =>
        JObject.Parse(Run("lscpu", "-J"))["lscpu"]!.ToDictionary(f => (string)f["field"]!, f => (string)f["data"]!);

    private static bool CanOpen(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path);

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        return output;
    }

    private static int ExitCode(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardOutput = true })!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        return process.ExitCode;
    }
}
