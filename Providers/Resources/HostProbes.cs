using System.Runtime.InteropServices;
using System.Text;
using IncusOs.Providers.Process;
using IncusOs.Providers.Resources.Native;

namespace IncusOs.Providers.Resources;

/// <summary>
/// The live host's probes: <c>uname(2)</c>, <c>BLKPBSZGET</c>, and the helper commands through the process
/// runner. The system type is worked out once per process, as the reference does.
/// </summary>
public sealed class HostProbes : IHostProbes
{
    private const int UtsFieldSize = 65;
    private const int UtsReleaseIndex = 2;
    private const int UtsMachineIndex = 4;

    private readonly IProcessRunner _runner;
    private readonly Lazy<Task<string>> _systemType;
    private readonly Lazy<UnameInfo> _uname = new(ReadUname);

    public HostProbes(IProcessRunner runner)
    {
        _runner = runner;
        _systemType = new Lazy<Task<string>>(DetectSystemTypeAsync);
    }

    public UnameInfo Uname() => _uname.Value;

    public unsafe uint? GetPhysicalBlockSize(string hostPath)
    {
        // O_RDONLY|O_CLOEXEC only: O_NONBLOCK would let an empty CD drive open (resources.md §9.2 rule 7).
        var fd = LibC.Open(hostPath, LibC.ORdOnly | LibC.OCloexec);
        if (fd < 0)
        {
            return null;
        }

        try
        {
            uint size = 0;
            if (LibC.Ioctl(fd, LibC.BlkPbszGet, &size) < 0)
            {
                throw new ErrnoException("BLKPBSZGET", Marshal.GetLastPInvokeError());
            }

            return size;
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    public Task<string> GetSystemTypeAsync(CancellationToken cancellationToken) => _systemType.Value;

    public async Task<string?> GetLshwJsonAsync(CancellationToken cancellationToken)
    {
        var options = new ProcessOptions
        {
            Environment = new Dictionary<string, string> { ["LC_ALL"] = "C", ["LANG"] = "C" },
        };

        return await RunOrNullAsync("lshw", ["-json"], options, cancellationToken).ConfigureAwait(false);
    }

    public Task<string?> GetNvidiaCsvAsync(CancellationToken cancellationToken) =>
        RunOrNullAsync("nvidia-container-cli", ["info", "--csv"], null, cancellationToken);

    /// <summary>The full path of a command found on <c>PATH</c>, or null.</summary>
    public static string? FindOnPath(string command)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, command);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private async Task<string?> RunOrNullAsync(
        string command, IReadOnlyList<string> args, ProcessOptions? options, CancellationToken cancellationToken)
    {
        var path = FindOnPath(command);
        if (path is null)
        {
            return null;
        }

        try
        {
            var result = await _runner.RunAsync(path, args, options, cancellationToken).ConfigureAwait(false);

            return result.Stdout;
        }
        catch (CommandFailedException)
        {
            return null;
        }
    }

    private async Task<string> DetectSystemTypeAsync()
    {
        var tool = FindOnPath("systemd-detect-virt");
        if (tool is null)
        {
            return "unknown";
        }

        // Only the exit codes count; the container check comes first (resources.md §12.2 rule 1).
        if (await SucceedsAsync(tool, "--container").ConfigureAwait(false))
        {
            return "container";
        }

        return await SucceedsAsync(tool, "--vm").ConfigureAwait(false) ? "virtual-machine" : "physical";
    }

    private async Task<bool> SucceedsAsync(string tool, string argument)
    {
        try
        {
            await _runner.RunAsync(tool, [argument], null, CancellationToken.None).ConfigureAwait(false);

            return true;
        }
        catch (CommandFailedException)
        {
            return false;
        }
    }

    private static unsafe UnameInfo ReadUname()
    {
        var buffer = stackalloc byte[UtsFieldSize * 6];
        if (LibC.Uname(buffer) != 0)
        {
            throw new ProviderException(
                "uname: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        }

        return new UnameInfo(Field(buffer, UtsMachineIndex), Field(buffer, UtsReleaseIndex));
    }

    private static unsafe string Field(byte* buffer, int index)
    {
        var span = new ReadOnlySpan<byte>(buffer + (index * UtsFieldSize), UtsFieldSize);
        var end = span.IndexOf((byte)0);

        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }
}
