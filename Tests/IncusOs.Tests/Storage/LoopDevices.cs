using System.Diagnostics;

namespace IncusOs.Tests.Storage;

/// <summary>
/// Sparse files attached as loop devices with <c>losetup</c> for the duration of a test, and always
/// detached afterwards. Each file starts with a recognisable pattern in its first megabytes.
/// </summary>
public sealed class LoopDevices : IDisposable
{
    private readonly List<string> _devices = [];

    public LoopDevices(int count, long sizeBytes)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("storage-loop-").FullName;
        try
        {
            for (var i = 0; i < count; i++)
            {
                var file = Path.Combine(Directory, $"disk{i}.img");
                using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write))
                {
                    stream.SetLength(sizeBytes);
                    stream.Write(Enumerable.Repeat((byte)0x5a, 4 << 20).ToArray());
                }

                Files.Add(file);
                _devices.Add(Run("losetup", "-f", "--show", file).Trim());
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Directory { get; }

    public List<string> Files { get; } = [];

    public IReadOnlyList<string> Devices => _devices;

    public static string Run(string command, params string[] args)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)}: {stderr}");
        }

        return stdout;
    }

    public void Dispose()
    {
        foreach (var device in _devices)
        {
            try
            {
                Run("losetup", "-d", device);
            }
            catch (InvalidOperationException)
            {
                // Already detached.
            }
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
