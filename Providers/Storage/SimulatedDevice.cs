using IncusOs.Providers.Simulation;

namespace IncusOs.Providers.Storage;

/// <summary>A simulated drive, or one of its partitions (1 and up; 0 is the whole drive).</summary>
public sealed record SimulatedDevice(SimulatedDrive Drive, int Partition)
{
    /// <summary><c>/dev/sda</c>, <c>/dev/sda11</c>, <c>/dev/nvme0n1p11</c>.</summary>
    public string KernelPath =>
        Partition == 0
            ? "/dev/" + Drive.Name
            : "/dev/" + Drive.Name + (char.IsAsciiDigit(Drive.Name[^1]) ? "p" : string.Empty) + Partition;

    /// <summary>The by-id path (<c>-partN</c> for a partition), or null when the drive has no id.</summary>
    public string? IdPath =>
        Drive.Id.Length == 0 ? null : Partition == 0 ? Drive.Id : $"{Drive.Id}-part{Partition}";

    public bool SameDrive(SimulatedDevice other) => Drive.Name == other.Drive.Name;
}
