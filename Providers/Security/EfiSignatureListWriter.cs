using System.Buffers.Binary;

namespace IncusOs.Providers.Security;

/// <summary>Builds EFI_SIGNATURE_LIST data: one list per certificate, one list for all hashes of a type.</summary>
public static class EfiSignatureListWriter
{
    /// <summary>One list holding <paramref name="payloads"/>, which must all have the same length.</summary>
    public static byte[] Write(Guid type, Guid owner, IReadOnlyList<byte[]> payloads)
    {
        if (payloads.Count == 0)
        {
            return [];
        }

        var signatureSize = 16 + payloads[0].Length;
        var result = new byte[28 + (signatureSize * payloads.Count)];
        type.TryWriteBytes(result);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(16), (uint)result.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(20), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(24), (uint)signatureSize);
        for (var i = 0; i < payloads.Count; i++)
        {
            var at = 28 + (i * signatureSize);
            owner.TryWriteBytes(result.AsSpan(at));
            payloads[i].CopyTo(result, at + 16);
        }

        return result;
    }

    /// <summary>Certificates, each in its own list (their sizes differ).</summary>
    public static byte[] Certificates(Guid owner, IEnumerable<byte[]> certificates) =>
        [.. certificates.SelectMany(c => Write(EfiSignature.X509, owner, [c]))];

    /// <summary>The EFI_SIGNATURE_DATA of one entry: owner GUID then payload.</summary>
    public static byte[] SignatureData(Guid owner, byte[] payload)
    {
        var result = new byte[16 + payload.Length];
        owner.TryWriteBytes(result);
        payload.CopyTo(result, 16);

        return result;
    }
}
