using IncusOs.Providers.Resources;
using IncusOs.Providers.Simulation;

namespace IncusOs.Tests.Resources;

public sealed class SimulatedResourcesTests
{
    [Fact]
    public void Build_DefaultMachine_TopologyDrivesAndNicsFromDocument()
    {
        var machine = MachineDefaults.Create(TimeProvider.System) with
        {
            Cpu = new SimulatedCpu { Sockets = 2, CoresPerSocket = 2, ThreadsPerCore = 2, Model = "Sim CPU" },
            MemoryBytes = 8L << 30,
        };

        var document = SimulatedResources.Build(machine);

        Assert.Equal(8UL, document.Cpu.Total);
        Assert.Equal(
            [[0L, 2], [1, 3], [4, 6], [5, 7]],
            document.Cpu.Sockets.SelectMany(s => s.Cores).Select(c => c.Threads.Select(t => t.Id).ToArray()));
        Assert.Equal(8UL << 30, document.Memory.Total);
        Assert.Equal(
            [("nvme0n1", "259:0", "nvme"), ("sda", "8:0", "scsi"), ("sdb", "8:16", "sata")],
            document.Storage.Disks.Select(d => (d.Id, d.Device, d.Type)));
        Assert.Equal(machine.ProductUuid, document.System.Uuid);
        Assert.Equal(
            machine.Nics.Select(n => (n.Name, n.Mac)),
            document.Network.Cards.Select(c => (c.Ports![0].Id, c.Ports[0].Address)));
    }
}
