using System.Buffers.Binary;
using System.Text;

namespace IncusOs.Providers.Security;

/// <summary>
/// The UEFI_VARIABLE_DATA structure measured by EV_EFI_VARIABLE_DRIVER_CONFIG and
/// EV_EFI_VARIABLE_AUTHORITY events: vendor GUID, name lengths, UTF-16 name, then the data.
/// </summary>
public sealed record UefiVariableData(Guid VendorGuid, string Name, byte[] Data)
{
    /// <summary>Reads the structure; the data is cut at the declared length (old shims log extra bytes).</summary>
    public static UefiVariableData Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 32)
        {
            throw new ProviderException("UEFI_VARIABLE_DATA is too short");
        }

        var nameLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]);
        var dataLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]);
        if (nameLength > (ulong)bytes.Length || 32 + (2 * nameLength) + dataLength > (ulong)bytes.Length)
        {
            throw new ProviderException("UEFI_VARIABLE_DATA declares more bytes than it holds");
        }

        var nameEnd = 32 + (2 * (int)nameLength);
        var name = Encoding.Unicode.GetString(bytes[32..nameEnd]);

        return new UefiVariableData(new Guid(bytes[..16]), name, bytes.Slice(nameEnd, (int)dataLength).ToArray());
    }

    /// <summary>The structure's bytes, as firmware measures them.</summary>
    public byte[] Encode()
    {
        var name = Encoding.Unicode.GetBytes(Name);
        var result = new byte[32 + name.Length + Data.Length];
        VendorGuid.TryWriteBytes(result);
        BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan(16), (ulong)Name.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan(24), (ulong)Data.Length);
        name.CopyTo(result, 32);
        Data.CopyTo(result, 32 + name.Length);

        return result;
    }
}
