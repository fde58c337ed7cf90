using System.Runtime.InteropServices;
using IncusOs.Providers.Files;

namespace IncusOs.Providers.Network;

/// <summary>
/// Replaces the whole networkd directory at once: the new files are written and fsynced in a sibling
/// directory which is then exchanged with the live one (<c>renameat2(RENAME_EXCHANGE)</c>), so
/// networkd never reads a mix of two generations; the old generation is then deleted.
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
                AtomicFile.WriteText(Path.Combine(staging, file.Name), file.Content, FileMode);
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

    [DllImport("libc", SetLastError = true)]
    private static extern int renameat2(
        int oldDirFd,
        [MarshalAs(UnmanagedType.LPStr)] string oldPath,
        int newDirFd,
        [MarshalAs(UnmanagedType.LPStr)] string newPath,
        uint flags);
}
