using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IncusOs.Tests.Update;

/// <summary>
/// A certificate authority made in the test: a TLS certificate for 127.0.0.1 and an index-signing
/// certificate, both issued by it; PEM files for <c>openssl smime -sign</c> in a temporary directory.
/// </summary>
public sealed class TestPki : IDisposable
{
    private TestPki(string directory, X509Certificate2 ca, X509Certificate2 server, string signerCert, string signerKey)
    {
        Directory = directory;
        Ca = ca;
        Server = server;
        SignerCertificateFile = signerCert;
        SignerKeyFile = signerKey;
    }

    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public string CaPem => Ca.ExportCertificatePem() + "\n";

    public string SignerCertificateFile { get; }

    public string SignerKeyFile { get; }

    public static TestPki Create(string name = "Test Update CA")
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("incus-osd-pki-").FullName;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={name}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        var server = Issue(ca, caKey, "CN=127.0.0.1", now, request =>
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                [new Oid("1.3.6.1.5.5.7.3.1")], false));
        }, out _);
        var signer = Issue(ca, caKey, $"CN={name} signer", now, _ => { }, out var signerKey);
        var signerCert = Path.Combine(directory, "signer.crt");
        var signerKeyFile = Path.Combine(directory, "signer.key");
        File.WriteAllText(signerCert, signer.ExportCertificatePem() + "\n");
        File.WriteAllText(signerKeyFile, signerKey.ExportPkcs8PrivateKeyPem() + "\n");
        signerKey.Dispose();

        // Kestrel wants a certificate whose key it can use for TLS: round-trip through PKCS#12.
        var serverPfx = X509CertificateLoader.LoadPkcs12(server.Export(X509ContentType.Pkcs12), null);

        return new TestPki(directory, ca, serverPfx, signerCert, signerKeyFile);
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static X509Certificate2 Issue(
        X509Certificate2 ca,
        ECDsa caKey,
        string subject,
        DateTimeOffset now,
        Action<CertificateRequest> extend,
        out ECDsa key)
    {
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(
                ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        extend(request);
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        using var issued = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddDays(-1),
            now.AddDays(29), serial);

        return issued.CopyWithPrivateKey(key);
    }
}
