using System.Runtime.InteropServices;

namespace IncusOs.Providers.Resources.Native;

/// <summary>The few libc calls the collector needs: realpath, uname, and ioctls on sockets and block devices.</summary>
internal static unsafe partial class LibC
{
    public const int AfInet = 2;
    public const int SockDgram = 2;
    public const int SockCloexec = 0x80000;
    public const int ORdOnly = 0;
    public const int OCloexec = 0x80000;
    public const int Enodev = 19;
    public const int Eopnotsupp = 95;
    public const ulong SiocEthtool = 0x8946;
    public const ulong BlkPbszGet = 0x127B;

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint RealPath(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    public static partial void Free(nint pointer);

    [LibraryImport("libc", EntryPoint = "uname", SetLastError = true)]
    public static partial int Uname(byte* buffer);

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, ulong request, void* argument);
}
