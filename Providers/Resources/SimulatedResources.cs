using System.Globalization;
using IncusOs.Providers.Resources.Wire;
using IncusOs.Providers.Simulation;

namespace IncusOs.Providers.Resources;

/// <summary>
/// The resources document of the simulated machine, built from <c>machine.json</c> alone: the same drive
/// names, models, serials and sizes and the same NIC names and MACs that the storage and network areas
/// report. Nothing of the host running the simulation leaks in.
/// </summary>
public static class SimulatedResources
{
    private const ulong BlockSize = 512;

    public static ResourcesDocument Build(MachineDocument machine)
    {
        var total = (ulong)Math.Max(machine.MemoryBytes, 0);

        return new ResourcesDocument
        {
            Cpu = Cpu(machine.Cpu),
            Memory = new ResourcesMemory
            {
                Nodes = [new ResourcesMemoryNode { NumaNode = 0, Used = total / 4, Total = total }],
                HugepagesSize = 2 << 20,
                Used = total / 4,
                Total = total,
            },
            Network = Network(machine.Nics),
            Storage = Storage(machine.Drives),
            Pci = Pci(machine.Nics),
            System = new ResourcesSystem
            {
                Uuid = machine.ProductUuid,
                Product = machine.Hostname,
                Type = "physical",
                Firmware = new ResourcesSystemFirmware(),
                Chassis = new ResourcesSystemChassis(),
                Motherboard = new ResourcesSystemMotherboard(),
            },
            Load = new ResourcesLoad { Processes = 1 },
        };
    }

    private static ResourcesCpu Cpu(SimulatedCpu cpu)
    {
        var sockets = new List<ResourcesCpuSocket>();
        long id = 0;
        var threadsPerSocket = cpu.CoresPerSocket * cpu.ThreadsPerCore;
        for (var s = 0; s < cpu.Sockets; s++)
        {
            var socket = new ResourcesCpuSocket
            {
                Name = cpu.Model,
                Vendor = cpu.Vendor,
                Socket = (ulong)s,
                Frequency = (ulong)Math.Max(cpu.FrequencyMhz, 0),
            };
            for (var c = 0; c < cpu.CoresPerSocket; c++)
            {
                var core = new ResourcesCpuCore { Core = (ulong)c, Frequency = socket.Frequency };
                for (var t = 0; t < cpu.ThreadsPerCore; t++)
                {
                    // Linux numbers the first thread of every core first, then the siblings.
                    var thread = (s * threadsPerSocket) + (t * cpu.CoresPerSocket) + c;
                    core.Threads.Add(new ResourcesCpuThread { Id = thread, Thread = (ulong)t, Online = true });
                    id++;
                }

                socket.Cores.Add(core);
            }

            sockets.Add(socket);
        }

        return new ResourcesCpu { Architecture = "x86_64", Sockets = sockets, Total = (ulong)id };
    }

    private static ResourcesStorage Storage(IReadOnlyList<SimulatedDrive> drives)
    {
        var storage = new ResourcesStorage();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var drive in drives.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            var (major, kind) = drive.Name switch
            {
                var n when n.StartsWith("nvme", StringComparison.Ordinal) => (259, "nvme"),
                var n when n.StartsWith("vd", StringComparison.Ordinal) => (254, "virtio"),
                _ => (8, "sd"),
            };
            var ordinal = index.GetValueOrDefault(kind);
            index[kind] = ordinal + 1;
            var minor = major == 8 ? ordinal * 16 : ordinal;

            storage.Disks.Add(new ResourcesStorageDisk
            {
                Id = drive.Name,
                Device = string.Create(CultureInfo.InvariantCulture, $"{major}:{minor}"),
                Model = drive.Model,
                Type = drive.Bus,
                Size = (ulong)Math.Max(drive.SizeBytes, 0),
                Removable = drive.Removable,
                BlockSize = BlockSize,
                Rpm = drive.Rotational ? 1UL : 0UL,
                Serial = drive.Serial,
                DeviceId = Path.GetFileName(drive.Id),
            });
        }

        storage.Total = (ulong)storage.Disks.Count;

        return storage;
    }

    private static ResourcesNetwork Network(IReadOnlyList<SimulatedNic> nics)
    {
        var network = new ResourcesNetwork();
        foreach (var nic in nics.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            network.Cards.Add(new ResourcesNetworkCard
            {
                Driver = nic.Driver,
                PciAddress = nic.PciAddress,
                Ports =
                [
                    new ResourcesNetworkCardPort
                    {
                        Id = nic.Name,
                        Address = nic.Mac,
                        Protocol = "ethernet",
                        AutoNegotiation = true,
                        LinkDetected = true,
                        LinkSpeed = (ulong)Math.Max(nic.SpeedMbit, 0),
                        LinkDuplex = "full",
                    },
                ],
            });
        }

        network.Total = (ulong)network.Cards.Count;

        return network;
    }

    private static ResourcesPci Pci(IReadOnlyList<SimulatedNic> nics)
    {
        var pci = new ResourcesPci();
        var functions = nics.Where(n => n.PciAddress.Length > 0).OrderBy(n => n.PciAddress, StringComparer.Ordinal);
        foreach (var nic in functions)
        {
            pci.Devices.Add(new ResourcesPciDevice { Driver = nic.Driver, PciAddress = nic.PciAddress });
        }

        pci.Total = (ulong)pci.Devices.Count;

        return pci;
    }
}
