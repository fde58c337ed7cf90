using System.Runtime.InteropServices;
using IncusOs.Providers.Process;

namespace IncusOs.Providers.Storage;

/// <summary>Disks of the real machine through lsblk, smartctl, udevadm and sysfs.</summary>
public sealed partial class HostBlockDevices : IBlockDevices
{
    private const string ByIdPrefix = "disk/by-id/";

    private readonly IProcessRunner _runner;
    private readonly HostStorageOptions _options;

    public HostBlockDevices(IProcessRunner runner, HostStorageOptions options)
    {
        _runner = runner;
        _options = options;
    }

    public async Task<IReadOnlyList<BlockDevice>> ListDisksAsync(CancellationToken cancellationToken)
    {
        var excluded = _options.IncludeLoopDevices ? "1,2" : "1,2,7";
        var result = await _runner.RunAsync(
            "lsblk", ["-JMpdb", "-e", excluded, "-o", "KNAME,SIZE,RM"], null, cancellationToken)
            .ConfigureAwait(false);

        return LsblkOutput.Parse(result.Stdout);
    }

    public async Task<SmartReport> ReadSmartAsync(string device, CancellationToken cancellationToken)
    {
        // smartctl's exit status is a bit mask of findings; only its JSON on stdout matters.
        var stdout = new System.Text.StringBuilder();
        try
        {
            await _runner.RunLinesAsync(
                "smartctl",
                ["-aj", device],
                (line, _) =>
                {
                    stdout.Append(line).Append('\n');
                    return ValueTask.CompletedTask;
                },
                null,
                cancellationToken).ConfigureAwait(false);
        }
        catch (CommandFailedException ex) when (ex.ExitCode > 0)
        {
            // Parsed below like a success.
        }

        return SmartctlOutput.Parse(stdout.ToString());
    }

    public Task<string> GetBootDiskAsync(CancellationToken cancellationToken)
    {
        (uint Major, uint Minor)? found = null;
        foreach (var file in _options.BootProbeFiles)
        {
            if (DeviceOf(file) is { } device && device.Major == _options.DeviceMapperMajor)
            {
                found = device;
            }
        }

        if (found is not { } dm)
        {
            throw new ProviderException("couldn't find a file on device mapper");
        }

        return Task.FromResult(FindUnderlyingDisk(_options.SysClassBlock, dm.Major, dm.Minor));
    }

    public Task<bool> IsRemoteAsync(string device, CancellationToken cancellationToken) =>
        Task.FromResult(IsRemote(_options.SysClassBlock, device));

    public async Task<string?> GetDeviceIdAsync(string device, CancellationToken cancellationToken)
    {
        var result = await _runner.RunAsync("udevadm", ["info", "-q", "symlink", device], null, cancellationToken)
            .ConfigureAwait(false);

        return FirstById(result.Stdout);
    }

    public string ResolveDevicePath(string path) => ResolveLink(path);

    /// <summary>The first <c>disk/by-id/</c> entry of <c>udevadm info -q symlink</c> as a full path.</summary>
    internal static string? FirstById(string symlinks) =>
        symlinks.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(link => link.StartsWith(ByIdPrefix, StringComparison.Ordinal)) is { } id
            ? "/dev/" + id
            : null;

    /// <summary>Reads a symlink and joins a relative target to the link's directory, as Go's readlink.</summary>
    internal static string ResolveLink(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not { } target)
        {
            var reason = info.Exists || Directory.Exists(path) ? "invalid argument" : "no such file or directory";
            throw new ProviderException($"readlink {path}: {reason}");
        }

        return Path.IsPathRooted(target)
            ? Path.GetFullPath(target)
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, target));
    }

    /// <summary>
    /// The disk under a device-mapper device: the block entry whose <c>dev</c> is MAJOR:MINOR, then its
    /// first slave; a slave link of the form <c>../../../devices/.../sda/sda9</c> names a partition
    /// whose parent is the disk, otherwise (a loop or CD-ROM layer) one level deeper.
    /// </summary>
    internal static string FindUnderlyingDisk(string sysClassBlock, uint major, uint minor)
    {
        var wanted = $"{major}:{minor}\n";
        foreach (var entry in SortedEntries(sysClassBlock))
        {
            var devFile = Path.Combine(entry, "dev");
            if (!File.Exists(devFile) || File.ReadAllText(devFile) != wanted)
            {
                continue;
            }

            var slave = FirstEntry(Path.Combine(entry, "slaves"));
            if (slave is not null && new FileInfo(slave).LinkTarget is { } target)
            {
                if (target.StartsWith("../../../", StringComparison.Ordinal))
                {
                    return "/dev/" + Path.GetFileName(Path.GetDirectoryName(target.TrimEnd('/')));
                }

                var deeper = FirstEntry(Path.Combine(sysClassBlock, Path.GetFileName(slave), "slaves"));
                if (deeper is not null)
                {
                    return "/dev/" + Path.GetFileName(deeper);
                }
            }
        }

        throw new ProviderException("unable to determine underlying device");
    }

    internal static bool IsRemote(string sysClassBlock, string device)
    {
        var name = Path.GetFileName(device);
        if (name.StartsWith("sd", StringComparison.Ordinal))
        {
            return LinkTargetOrEmpty(Path.Combine(sysClassBlock, name)).Contains("/rport-", StringComparison.Ordinal);
        }

        if (name.StartsWith("nvme", StringComparison.Ordinal))
        {
            var controller = NamespaceSuffix().Replace(name, string.Empty);
            var link = Path.Combine(sysClassBlock, name, "device", controller);
            var target = new FileInfo(link).LinkTarget ?? ResolveTarget(Path.Combine(sysClassBlock, name));

            return !target.Contains("/pci", StringComparison.Ordinal);
        }

        return false;
    }

    private static string ResolveTarget(string link) =>
        new FileInfo(link).LinkTarget ?? throw new ProviderException($"readlink {link}: no such file or directory");

    private static string LinkTargetOrEmpty(string link) => new FileInfo(link).LinkTarget ?? string.Empty;

    private static IEnumerable<string> SortedEntries(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal)
            : [];

    private static string? FirstEntry(string directory) => SortedEntries(directory).FirstOrDefault();

    internal static (uint Major, uint Minor)? DeviceOf(string path)
    {
        var buffer = new byte[256];
        if (stat(path, buffer) != 0)
        {
            return null;
        }

        // st_dev is the first member of struct stat on the 64-bit Linux ABIs (x86-64, arm64).
        var dev = BitConverter.ToUInt64(buffer, 0);
        var major = (uint)(((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffUL));
        var minor = (uint)((dev & 0xff) | ((dev >> 12) & ~0xffUL));

        return (major, minor);
    }

    [System.Text.RegularExpressions.GeneratedRegex("n[0-9]+$")]
    private static partial System.Text.RegularExpressions.Regex NamespaceSuffix();

    [DllImport("libc", SetLastError = true)]
    private static extern int stat([MarshalAs(UnmanagedType.LPStr)] string path, byte[] buffer);
}
