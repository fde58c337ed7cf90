using System.Buffers.Binary;

namespace IncusOs.Providers.Security;

/// <summary>
/// Parser of a sequence of EFI_SIGNATURE_LIST structures (UEFI 2.10 §32.4.1), the data of the PK,
/// KEK, db and dbx variables: lists back to back, each a type GUID, sizes, a header and entries.
/// </summary>
public static class EfiSignatureList
{
    private const int ListHeaderSize = 28;
    private const int OwnerSize = 16;

    /// <summary>Every entry of every list, in order. Throws <see cref="ProviderException"/> on bad sizes.</summary>
    public static IReadOnlyList<EfiSignature> Parse(ReadOnlySpan<byte> data)
    {
        var entries = new List<EfiSignature>();
        var offset = 0;
        while (offset < data.Length)
        {
            if (data.Length - offset < ListHeaderSize)
            {
                throw new ProviderException($"truncated EFI signature list at offset {offset}");
            }

            var list = data[offset..];
            var type = new Guid(list[..16]);
            var listSize = BinaryPrimitives.ReadUInt32LittleEndian(list[16..]);
            var headerSize = BinaryPrimitives.ReadUInt32LittleEndian(list[20..]);
            var signatureSize = BinaryPrimitives.ReadUInt32LittleEndian(list[24..]);
            if (listSize < ListHeaderSize || listSize > list.Length || signatureSize <= OwnerSize
                || headerSize > listSize - ListHeaderSize
                || (listSize - ListHeaderSize - headerSize) % signatureSize != 0)
            {
                throw new ProviderException($"invalid EFI signature list at offset {offset}");
            }

            var body = list[(int)(ListHeaderSize + headerSize)..(int)listSize];
            for (var at = 0; at < body.Length; at += (int)signatureSize)
            {
                var entry = body.Slice(at, (int)signatureSize);
                entries.Add(new EfiSignature(type, new Guid(entry[..OwnerSize]), entry[OwnerSize..].ToArray()));
            }

            offset += (int)listSize;
        }

        return entries;
    }
}
