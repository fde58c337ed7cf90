using System.Runtime.InteropServices;
using IncusOs.Providers.Files;

namespace IncusOs.Providers.Network;

/// <summary>
/// Replaces the whole networkd directory at once: the new files are written and fsynced in a sibling
/// directory which is then exchanged with the live one (<c>renameat2(RENAME_EXCHANGE)</c>), so
/// networkd never reads a mix of two generations; the old generation is then deleted. A file whose
/// content is unchanged is carried over as a hard link (same inode and mtime), so that networkd's
/// reload leaves its links alone instead of tearing their addresses down and setting them up again.
/// </summary>
public static class NetworkdFilesWriter
{
    private const uint RenameExchange = 2;
    private const int AtFdCwd = -100;

    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite
        | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Mode of every generated file: 0644.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite
        | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static void Replace(string directory, IReadOnlyList<NetworkFile> files)
    {
        directory = Path.GetFullPath(directory);
        var parent = Path.GetDirectoryName(directory)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(directory)}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging, DirectoryMode);
        try
        {
            foreach (var file in files)
            {
                var current = Path.Combine(directory, file.Name);
                var next = Path.Combine(staging, file.Name);
                if (!IsSame(current, file.Content) || link(current, next) != 0)
                {
                    AtomicFile.WriteText(next, file.Content, FileMode);
                }
            }

            File.SetUnixFileMode(staging, DirectoryMode);
            if (Directory.Exists(directory))
            {
                if (renameat2(AtFdCwd, staging, AtFdCwd, directory, RenameExchange) != 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    throw new ProviderException(
                        $"Failed to replace {directory}: {Marshal.GetPInvokeErrorMessage(errno)}");
                }
            }
            else
            {
                Directory.Move(staging, directory);
            }

            AtomicFile.FsyncDirectory(parent);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static bool IsSame(string path, string content)
    {
        try
        {
            return File.Exists(path) && File.ReadAllText(path) == content;
        }
        catch (IOException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int link(
        [MarshalAs(UnmanagedType.LPStr)] string oldPath, [MarshalAs(UnmanagedType.LPStr)] string newPath);

    [DllImport("libc", SetLastError = true)]
    private static extern int renameat2(
        int oldDirFd,
        [MarshalAs(UnmanagedType.LPStr)] string oldPath,
        int newDirFd,
        [MarshalAs(UnmanagedType.LPStr)] string newPath,
        uint flags);
}
