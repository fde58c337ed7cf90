using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using IncusOs.Providers.Resources.Native;

namespace IncusOs.Providers.Resources;

/// <summary>
/// ethtool queries through <c>ioctl(SIOCETHTOOL)</c> on an <c>AF_INET</c> datagram socket (netdevice(7),
/// linux/ethtool.h). None of them needs privilege. Layouts are the kernel's, written out byte by byte.
/// </summary>
public sealed unsafe class HostEthtool : IEthtool
{
    private const uint GSet = 0x01;
    private const uint GDrvInfo = 0x03;
    private const uint GLink = 0x0a;
    private const uint GPermAddr = 0x20;
    private const uint GLinkSettings = 0x4c;
    private const int IfNameSize = 16;
    private const int IfReqSize = 40;
    private const int LinkSettingsHeader = 48;
    private const int MaskWordsMax = 127;

    public byte[] GetPermanentAddress(string interfaceName)
    {
        var buffer = new byte[8 + 32];
        Put(buffer, 0, GPermAddr);
        Put(buffer, 4, 32);
        Query(interfaceName, buffer, "ETHTOOL_GPERMADDR");
        var size = Math.Min((int)Get(buffer, 4), 32);

        return buffer.AsSpan(8, size).ToArray();
    }

    public bool GetLink(string interfaceName)
    {
        var buffer = new byte[8];
        Put(buffer, 0, GLink);
        Query(interfaceName, buffer, "ETHTOOL_GLINK");

        return Get(buffer, 4) == 1;
    }

    public EthtoolLinkSettings GetLinkSettings(string interfaceName)
    {
        var buffer = new byte[LinkSettingsHeader + (3 * MaskWordsMax * 4)];
        Put(buffer, 0, GLinkSettings);
        Query(interfaceName, buffer, "ETHTOOL_GLINKSETTINGS");

        // The kernel answers the first call with -nwords, the mask size it wants.
        var words = -(sbyte)buffer[15];
        if (Get(buffer, 0) != GLinkSettings || words <= 0 || words > MaskWordsMax)
        {
            throw new ErrnoException("ETHTOOL_GLINKSETTINGS handshake", LibC.Eopnotsupp);
        }

        Array.Clear(buffer);
        Put(buffer, 0, GLinkSettings);
        buffer[15] = (byte)(sbyte)words;
        Query(interfaceName, buffer, "ETHTOOL_GLINKSETTINGS");
        var nwords = (sbyte)buffer[15];
        if (Get(buffer, 0) != GLinkSettings || nwords <= 0)
        {
            throw new ErrnoException("ETHTOOL_GLINKSETTINGS", LibC.Eopnotsupp);
        }

        var supported = new uint[nwords];
        for (var i = 0; i < nwords; i++)
        {
            supported[i] = Get(buffer, LinkSettingsHeader + (4 * i));
        }

        return new EthtoolLinkSettings(Get(buffer, 4), buffer[8], buffer[9], buffer[11], buffer[16], supported);
    }

    public EthtoolLinkSettings GetLegacySettings(string interfaceName)
    {
        var buffer = new byte[44];
        Put(buffer, 0, GSet);
        Query(interfaceName, buffer, "ETHTOOL_GSET");
        var speed = ((uint)BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28)) << 16)
            | BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(12));
        if (speed == 0xFFFF)
        {
            speed = uint.MaxValue;
        }

        return new EthtoolLinkSettings(speed, buffer[14], buffer[15], buffer[18], buffer[17], [Get(buffer, 4)]);
    }

    public string GetFirmwareVersion(string interfaceName)
    {
        var buffer = new byte[256];
        Put(buffer, 0, GDrvInfo);
        Query(interfaceName, buffer, "ETHTOOL_GDRVINFO");

        var firmware = Encoding.UTF8.GetString(buffer.AsSpan(4 + 32 + 32, 32));

        return firmware.Replace("\0", string.Empty, StringComparison.Ordinal);
    }

    private static void Query(string interfaceName, byte[] command, string operation)
    {
        var fd = LibC.Socket(LibC.AfInet, LibC.SockDgram | LibC.SockCloexec, 0);
        if (fd < 0)
        {
            throw new ErrnoException("socket", Marshal.GetLastPInvokeError());
        }

        try
        {
            var request = stackalloc byte[IfReqSize];
            new Span<byte>(request, IfReqSize).Clear();
            var name = Encoding.UTF8.GetBytes(interfaceName);
            if (name.Length >= IfNameSize)
            {
                throw new ErrnoException(operation, LibC.Enodev);
            }

            name.CopyTo(new Span<byte>(request, IfNameSize));
            fixed (byte* data = command)
            {
                *(nint*)(request + IfNameSize) = (nint)data;
                if (LibC.Ioctl(fd, LibC.SiocEthtool, request) < 0)
                {
                    throw new ErrnoException(operation, Marshal.GetLastPInvokeError());
                }
            }
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    private static void Put(byte[] buffer, int offset, uint value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(offset), value);

    private static uint Get(byte[] buffer, int offset) =>
        BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset));
}
