using System.Runtime.InteropServices;

namespace IncusOs.Providers.Files;

/// <summary>
/// Crash-safe file replacement: write a temporary file beside the target, fsync it, rename it over
/// the target and fsync the directory, so a reader sees either the old or the new bytes, never half.
/// </summary>
public static class AtomicFile
{
    /// <summary>Suffix of the previous generation kept by <see cref="Write"/> when asked to.</summary>
    public const string PreviousSuffix = ".prev";

    public static void Write(string path, ReadOnlySpan<byte> bytes, UnixFileMode mode, bool keepPrevious = false)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, new FileStreamOptions
                   {
                       Mode = FileMode.CreateNew,
                       Access = FileAccess.Write,
                       UnixCreateMode = mode,
                   }))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            if (keepPrevious && File.Exists(path))
            {
                // A hard link keeps the current generation reachable at every instant of the swap.
                var previous = path + PreviousSuffix;
                File.Delete(previous);
                if (link(path, previous) != 0)
                {
                    File.Copy(path, previous, overwrite: true);
                }
            }

            File.Move(temp, path, overwrite: true);
            FsyncDirectory(directory);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public static void WriteText(string path, string text, UnixFileMode mode, bool keepPrevious = false) =>
        Write(path, System.Text.Encoding.UTF8.GetBytes(text), mode, keepPrevious);

    /// <summary>Default mode for state files: owner read and write only.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void FsyncDirectory(string directory)
    {
        var fd = open(directory, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            return;
        }

        try
        {
            fsync(fd);
        }
        finally
        {
            close(fd);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int link([MarshalAs(UnmanagedType.LPStr)] string oldPath, [MarshalAs(UnmanagedType.LPStr)] string newPath);
}
