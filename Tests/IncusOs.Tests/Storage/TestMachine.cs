using IncusOs.Providers.Simulation;
using IncusOs.Providers.Storage;
using Newtonsoft.Json;

namespace IncusOs.Tests.Storage;

/// <summary>
/// A simulated machine in a temporary directory with small drives: a boot disk <c>sda</c> and free
/// disks <c>sdb</c>.. of 64 MiB each (wiped as fast as the disk allows unless a rate is given).
/// </summary>
public sealed class TestMachine : IDisposable
{
    private TestMachine(string directory, SimulatedMachine machine)
    {
        Directory = directory;
        Machine = machine;
        Storage = new SimulatedStorage(machine);
        Keys = new PoolKeyFiles(directory);
    }

    public string Directory { get; }

    public SimulatedMachine Machine { get; }

    public SimulatedStorage Storage { get; }

    public PoolKeyFiles Keys { get; }

    public static TestMachine Create(int freeDrives = 6, long wipeBytesPerSecond = 0, long driveBytes = 64L << 20)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("storage-test-").FullName;
        WriteMachine(directory, Drives(freeDrives, wipeBytesPerSecond, driveBytes));

        return new TestMachine(directory, SimulatedMachine.OpenOrCreate(directory));
    }

    /// <summary>Writes <c>machine/machine.json</c> with only drives, as a harness would before a start.</summary>
    public static void WriteMachine(string stateDirectory, IReadOnlyList<SimulatedDrive> drives)
    {
        var machineDirectory = Path.Combine(stateDirectory, "machine");
        System.IO.Directory.CreateDirectory(machineDirectory);
        var document = new MachineDocument { Hostname = "storage-test", Drives = drives };
        File.WriteAllText(
            Path.Combine(machineDirectory, SimulatedMachine.DocumentFile), JsonConvert.SerializeObject(document));
    }

    public static IReadOnlyList<SimulatedDrive> Drives(int freeDrives, long wipeBytesPerSecond, long driveBytes)
    {
        var drives = new List<SimulatedDrive>
        {
            new()
            {
                Name = "sda", Id = "/dev/disk/by-id/scsi-0QEMU_QEMU_HARDDISK_root", Model = "QEMU HARDDISK",
                Serial = "root", Bus = "scsi", SizeBytes = driveBytes, Boot = true,
            },
        };
        for (var i = 0; i < freeDrives; i++)
        {
            var letter = (char)('b' + i);
            drives.Add(new SimulatedDrive
            {
                Name = $"sd{letter}", Id = $"/dev/disk/by-id/ata-TEST_DISK_SN{i:D4}", Model = "TEST DISK",
                ModelFamily = "Test family", Serial = $"SN{i:D4}", Bus = "sata", SizeBytes = driveBytes,
                WipeBytesPerSecond = wipeBytesPerSecond,
            });
        }

        return drives;
    }

    public SimulatedDrive Drive(string name) => Machine.Document.Drives.Single(d => d.Name == name);

    public string IdOf(string name) => Drive(name).Id;

    /// <summary>Changes a drive in machine.json (fault injection, remote flag).</summary>
    public void ChangeDrive(string name, Func<SimulatedDrive, SimulatedDrive> change) =>
        Machine.Update(doc => doc with { Drives = doc.Drives.Select(d => d.Name == name ? change(d) : d).ToList() });

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temp directory otherwise.
        }
    }
}
