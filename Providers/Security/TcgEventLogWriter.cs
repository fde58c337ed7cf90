using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace IncusOs.Providers.Security;

/// <summary>
/// Writes a TCG2 crypto-agile event log (SHA-256 bank only), as firmware would for a Secure Boot
/// start: the Spec ID event, then the PCR7 measurements. Used by the simulated machine's boots.
/// </summary>
public sealed class TcgEventLogWriter
{
    private readonly MemoryStream _log = new();

    public TcgEventLogWriter()
    {
        var spec = new MemoryStream();
        spec.Write(Encoding.ASCII.GetBytes("Spec ID Event03\0"));
        WriteUInt32(spec, 0);
        spec.Write([0, 2, 0, 2]);
        WriteUInt32(spec, 1);
        WriteUInt16(spec, TcgEvent.Sha256Algorithm);
        WriteUInt16(spec, 32);
        spec.WriteByte(0);

        WriteUInt32(_log, 0);
        WriteUInt32(_log, TcgEvent.NoAction);
        _log.Write(new byte[20]);
        WriteUInt32(_log, (uint)spec.Length);
        _log.Write(spec.ToArray());
    }

    /// <summary>Appends an event whose digest is the SHA-256 of its data.</summary>
    public TcgEventLogWriter Measure(uint pcr, uint type, byte[] data)
    {
        WriteUInt32(_log, pcr);
        WriteUInt32(_log, type);
        WriteUInt32(_log, 1);
        WriteUInt16(_log, TcgEvent.Sha256Algorithm);
        _log.Write(SHA256.HashData(data));
        WriteUInt32(_log, (uint)data.Length);
        _log.Write(data);

        return this;
    }

    public byte[] ToArray() => _log.ToArray();

    private static void WriteUInt32(Stream stream, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteUInt16(Stream stream, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        stream.Write(bytes);
    }
}
