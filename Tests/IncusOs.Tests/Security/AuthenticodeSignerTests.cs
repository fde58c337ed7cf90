using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IncusOs.Providers.Security;

namespace IncusOs.Tests.Security;

public sealed class AuthenticodeSignerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("incus-sec-pe-").FullName;

    [Fact]
    public void TryRead_PeSignedWithOsslsigncode_GivesTheSigningCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(
            "CN=Incus OS - Secure Boot 2026 R1,O=Linux Containers",
            key,
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        File.WriteAllText(Path.Combine(_directory, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_directory, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        var unsigned = typeof(AuthenticodeSigner).Assembly.Location;
        var signed = Path.Combine(_directory, "signed.efi");

        LuksFiles.Run(
            "osslsigncode", "sign", "-certs", Path.Combine(_directory, "cert.pem"),
            "-key", Path.Combine(_directory, "key.pem"), "-in", unsigned, "-out", signed);
        var signer = AuthenticodeSigner.TryRead(File.ReadAllBytes(signed));

        Assert.Equal(certificate.RawData, signer);
        Assert.Null(AuthenticodeSigner.TryRead(File.ReadAllBytes(unsigned)));
    }

    [Fact]
    public void TryRead_NotAPeImage_GivesNull()
    {
        var signer = AuthenticodeSigner.TryRead(SecurityFixtures.Read("esl/gce-db.esl"));

        Assert.Null(signer);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
