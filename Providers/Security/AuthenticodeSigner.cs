using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IncusOs.Providers.Security;

/// <summary>
/// The certificate that signed a PE image (systemd-boot, a UKI): the PKCS#7 SignedData in the image's
/// security directory (PE/COFF "The Attribute Certificate Table"), its first signer matched by issuer
/// and serial number among the embedded certificates.
/// </summary>
public static class AuthenticodeSigner
{
    private const ushort PkcsSignedData = 0x0002;

    /// <summary>The signer's DER, or null when the image carries no usable signature.</summary>
    public static byte[]? TryRead(ReadOnlySpan<byte> image)
    {
        try
        {
            return Read(image);
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException or ProviderException
                                       or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static byte[]? Read(ReadOnlySpan<byte> image)
    {
        if (image.Length < 0x40 || image[0] != 'M' || image[1] != 'Z')
        {
            return null;
        }

        var pe = (int)BinaryPrimitives.ReadUInt32LittleEndian(image[0x3c..]);
        var optional = pe + 24;
        var magic = BinaryPrimitives.ReadUInt16LittleEndian(image[optional..]);
        var directories = optional + (magic == 0x20b ? 112 : 96);
        var security = directories + (4 * 8);
        var offset = (int)BinaryPrimitives.ReadUInt32LittleEndian(image[security..]);
        var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(image[(security + 4)..]);
        if (offset <= 0 || size < 8 || offset + size > image.Length)
        {
            return null;
        }

        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(image[offset..]);
        var type = BinaryPrimitives.ReadUInt16LittleEndian(image[(offset + 6)..]);
        if (type != PkcsSignedData || length < 8 || length > size)
        {
            return null;
        }

        return FindSigner(image.Slice(offset + 8, length - 8).ToArray());
    }

    private static byte[]? FindSigner(byte[] pkcs7)
    {
        var contentInfo = new AsnReader(pkcs7, AsnEncodingRules.BER).ReadSequence();
        contentInfo.ReadObjectIdentifier();
        var signedData = contentInfo.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
        signedData.ReadInteger();
        signedData.ReadSetOf();
        signedData.ReadSequence();
        var certificates = new List<byte[]>();
        if (signedData.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            var set = signedData.ReadSetOf(true, new Asn1Tag(TagClass.ContextSpecific, 0));
            while (set.HasData)
            {
                certificates.Add(set.ReadEncodedValue().ToArray());
            }
        }

        if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)))
        {
            signedData.ReadEncodedValue();
        }

        var signer = signedData.ReadSetOf(skipSortOrderValidation: true).ReadSequence();
        signer.ReadInteger();
        var sid = signer.ReadSequence();
        var issuer = sid.ReadEncodedValue().ToArray();
        var serial = Trim(sid.ReadIntegerBytes().Span);
        foreach (var der in certificates)
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            if (certificate.IssuerName.RawData.AsSpan().SequenceEqual(issuer)
                && Trim(certificate.SerialNumberBytes.Span).SequenceEqual(serial))
            {
                return der;
            }
        }

        return null;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> integer)
    {
        var start = 0;
        while (start < integer.Length - 1 && integer[start] == 0)
        {
            start++;
        }

        return integer[start..];
    }
}
