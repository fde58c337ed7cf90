using IncusOs.Providers.Files;
using IncusOs.Providers.Simulation;
using Newtonsoft.Json;

namespace IncusOs.Providers.Storage;

/// <summary>
/// What the simulated storage providers share: the drives of <c>machine.json</c>, each backed by a
/// sparse file <c>machine/drives/NAME.img</c> of the drive's size, and the pools of
/// <c>machine/zfs.json</c>. Pool changes are written atomically before they are visible.
/// </summary>
public sealed class SimulatedStorage
{
    /// <summary>The data partition the installer creates on the boot drive for the <c>local</c> pool.</summary>
    public const int LocalDataPartition = 11;

    public const string LocalDataLabel = "/dev/disk/by-partlabel/local-data";

    public const string PoolsFile = "zfs.json";

    private const string ByIdPrefix = "/dev/disk/by-id/";

    private readonly SimulatedMachine _machine;
    private readonly object _gate = new();
    private SimulatedZfsDocument _zfs;

    public SimulatedStorage(SimulatedMachine machine)
    {
        _machine = machine;
        var path = machine.PathOf(PoolsFile);
        _zfs = File.Exists(path)
            ? JsonConvert.DeserializeObject<SimulatedZfsDocument>(File.ReadAllText(path))
              ?? new SimulatedZfsDocument()
            : new SimulatedZfsDocument();
        foreach (var drive in Drives)
        {
            BackingFile(drive);
        }
    }

    public IReadOnlyList<SimulatedDrive> Drives => _machine.Document.Drives;

    public SimulatedZfsDocument Zfs
    {
        get
        {
            lock (_gate)
            {
                return _zfs;
            }
        }
    }

    /// <summary>Changes the pools document atomically; the change may refuse by throwing.</summary>
    public T Change<T>(Func<SimulatedZfsDocument, (SimulatedZfsDocument Next, T Result)> change)
    {
        lock (_gate)
        {
            var (next, result) = change(_zfs);
            AtomicFile.WriteText(
                _machine.PathOf(PoolsFile),
                JsonConvert.SerializeObject(next, Formatting.Indented) + "\n",
                AtomicFile.OwnerOnly);
            _zfs = next;

            return result;
        }
    }

    public SimulatedDrive? BootDrive => Drives.FirstOrDefault(drive => drive.Boot);

    /// <summary>
    /// The drive or partition a path names: <c>/dev/NAME[N|pN]</c>, <c>/dev/disk/by-id/ID[-partN]</c>
    /// or the <c>local-data</c> partition label; null when nothing matches.
    /// </summary>
    public SimulatedDevice? Find(string path)
    {
        if (path == LocalDataLabel)
        {
            return BootDrive is { } boot ? new SimulatedDevice(boot, LocalDataPartition) : null;
        }

        if (path.StartsWith(ByIdPrefix, StringComparison.Ordinal))
        {
            foreach (var drive in Drives.Where(drive => drive.Id.Length > 0))
            {
                if (path == drive.Id)
                {
                    return new SimulatedDevice(drive, 0);
                }

                if (path.StartsWith(drive.Id + "-part", StringComparison.Ordinal)
                    && int.TryParse(path.AsSpan(drive.Id.Length + 5), out var part) && part > 0)
                {
                    return new SimulatedDevice(drive, part);
                }
            }

            return null;
        }

        if (!path.StartsWith("/dev/", StringComparison.Ordinal))
        {
            return null;
        }

        var name = path["/dev/".Length..];
        foreach (var drive in Drives)
        {
            if (name == drive.Name)
            {
                return new SimulatedDevice(drive, 0);
            }

            var separator = char.IsAsciiDigit(drive.Name[^1]) ? "p" : string.Empty;
            var prefix = drive.Name + separator;
            if (name.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(prefix.Length), out var partition) && partition > 0
                && name[prefix.Length..].All(char.IsAsciiDigit))
            {
                return new SimulatedDevice(drive, partition);
            }
        }

        return null;
    }

    /// <summary>The sparse file that holds a drive's bytes, created at the drive's size on first use.</summary>
    public string BackingFile(SimulatedDrive drive)
    {
        var path = _machine.PathOf(Path.Combine("drives", drive.Name + ".img"));
        if (!File.Exists(path) || new FileInfo(path).Length != drive.SizeBytes)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write);
            stream.SetLength(drive.SizeBytes);
        }

        return path;
    }
}
