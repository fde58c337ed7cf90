using System.Globalization;
using IncusOs.Providers.Resources.Native;

namespace IncusOs.Providers.Resources;

/// <summary>
/// One collection's inputs (tree, probes, name databases loaded once) and the shared sysfs rules of
/// resources.md §4: typed reads that fail naming the file, the device walk, PCI/USB address, NUMA node and
/// driver of a device.
/// </summary>
public sealed class CollectContext
{
    private const int MaxDeviceDepth = 32;

    private readonly Lazy<UnameInfo> _uname;
    private readonly Lazy<PciIds> _pciIds;

    public CollectContext(
        SysTree tree, IHostProbes probes, IEthtool ethtool, ResourcesPaths paths, CancellationToken cancellationToken)
    {
        Tree = tree;
        Probes = probes;
        Ethtool = ethtool;
        Paths = paths;
        CancellationToken = cancellationToken;
        _uname = new Lazy<UnameInfo>(probes.Uname);
        _pciIds = new Lazy<PciIds>(() => PciIds.Load(paths.PciIdsCandidates));
    }

    public SysTree Tree { get; }

    public IHostProbes Probes { get; }

    public IEthtool Ethtool { get; }

    public ResourcesPaths Paths { get; }

    public CancellationToken CancellationToken { get; }

    public UnameInfo Uname => _uname.Value;

    public PciIds PciIds => _pciIds.Value;

    public bool Exists(string path) => Tree.Exists(path);

    public string Read(string path) => Tree.ReadText(path);

    public ulong ReadU64(string path) => ParseU64(Read(path), path);

    public long ReadI64(string path) => ParseI64(Read(path), path);

    public ulong ReadHexU64(string path)
    {
        var text = Read(path);
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;

        return ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ProviderException($"Failed to parse \"{path}\": invalid hexadecimal number \"{text}\"");
    }

    /// <summary>A PCI-style id file (<c>0x1af4</c>) trimmed and without one leading <c>0x</c>.</summary>
    public string ReadId(string path)
    {
        var text = Read(path);

        return text.StartsWith("0x", StringComparison.Ordinal) ? text[2..] : text;
    }

    public static ulong ParseU64(string text, string source) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ProviderException($"Failed to parse \"{source}\": invalid number \"{text}\"");

    public static long ParseI64(string text, string source) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ProviderException($"Failed to parse \"{source}\": invalid number \"{text}\"");

    /// <summary>§4.3: follow <c>device</c> while it is a directory.</summary>
    public string DeviceWalk(string path)
    {
        for (var i = 0; i < MaxDeviceDepth; i++)
        {
            var next = SysTree.Join(path, "device");
            if (!Tree.IsDirectory(next))
            {
                return path;
            }

            path = next;
        }

        return path;
    }

    /// <summary>§4.4: the PCI function a device sits on (virtio devices report their parent's), or "".</summary>
    public string PciAddress(string devicePath)
    {
        var device = DeviceWalk(devicePath);
        if (!Exists(SysTree.Join(device, "subsystem")))
        {
            return string.Empty;
        }

        var real = Tree.Resolve(device);
        var subsystem = SysTree.Name(Tree.Resolve(SysTree.Join(real, "subsystem")));
        if (subsystem == "virtio")
        {
            real = SysTree.Parent(real);
            subsystem = SysTree.Name(Tree.Resolve(SysTree.Join(real, "subsystem")));
        }

        return subsystem == "pci" ? SysTree.Name(real) : string.Empty;
    }

    /// <summary>§4.5: <c>busnum:devnum</c> of the USB device above a path, or "".</summary>
    public string UsbAddress(string path)
    {
        var real = Tree.Resolve(path);
        if (!real.Contains("/usb", StringComparison.Ordinal))
        {
            return string.Empty;
        }

        for (var dir = real; dir != "/"; dir = SysTree.Parent(dir))
        {
            var bus = SysTree.Join(dir, "busnum");
            var dev = SysTree.Join(dir, "devnum");
            if (Exists(bus) && Exists(dev))
            {
                return $"{ReadU64(bus)}:{ReadU64(dev)}";
            }
        }

        return string.Empty;
    }

    /// <summary>§4.6: the device's NUMA node, with the kernel's -1 (and anything not positive) as 0.</summary>
    public ulong NumaNode(string device)
    {
        var path = SysTree.Join(device, "numa_node");
        if (!Exists(path))
        {
            return 0;
        }

        var node = ReadI64(path);

        return node > 0 ? (ulong)node : 0;
    }

    /// <summary>
    /// §4.7: driver name and version (module version, else the kernel release); both "" without a driver.
    /// </summary>
    public (string Driver, string Version) Driver(string device)
    {
        var link = SysTree.Join(device, "driver");
        if (!Exists(link))
        {
            return (string.Empty, string.Empty);
        }

        var driver = SysTree.Name(Tree.Resolve(link));
        var version = Tree.TryReadText(SysTree.Join(link, "module/version")) ?? Uname.Release;

        return (driver, version);
    }
}
