using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IncusOs.Providers.Security;

/// <summary>Lists the certificates of the Secure Boot variables (security.md §2.2).</summary>
public static class SecureBootCertificates
{
    /// <summary>The certificates of one variable's data; hashes and unparsable entries are left out.</summary>
    public static IReadOnlyList<SecureBootCertificate> FromVariable(string type, ReadOnlySpan<byte> data)
    {
        IReadOnlyList<EfiSignature> entries;
        try
        {
            entries = EfiSignatureList.Parse(data);
        }
        catch (ProviderException)
        {
            return [];
        }

        var result = new List<SecureBootCertificate>();
        foreach (var entry in entries.Where(e => e.IsX509))
        {
            if (TryDescribe(type, entry.Data) is { } certificate)
            {
                result.Add(certificate);
            }
        }

        return result;
    }

    /// <summary>Describes one DER certificate, or returns null when it does not parse.</summary>
    public static SecureBootCertificate? TryDescribe(string type, byte[] der)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);

            return new SecureBootCertificate(
                type,
                Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)),
                GoDistinguishedName.Format(certificate.SubjectName.RawData),
                GoDistinguishedName.Format(certificate.IssuerName.RawData));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
