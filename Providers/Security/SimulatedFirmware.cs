using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IncusOs.Providers.Security;

/// <summary>
/// The simulated machine's Secure Boot keys (generated once per machine, named like IncusOS's) and the
/// event log its firmware writes at each boot.
/// </summary>
internal static class SimulatedFirmware
{
    private const string Organization = ",O=Linux Containers";

    public static SimulatedSecurityDocument Create()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest(
            "CN=Incus OS - Secure Boot E1" + Organization, caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));
        var owner = Guid.NewGuid();
        var pk = Issue(ca, "CN=Incus OS - Secure Boot PK R1" + Organization, now);
        var kek = Issue(ca, "CN=Incus OS - Secure Boot KEK R1" + Organization, now);
        var db = Issue(ca, "CN=Incus OS - Secure Boot 2025 R1" + Organization, now);
        var dbx = EfiSignatureListWriter.Write(EfiSignature.Sha256, owner, [SHA256.HashData(ReadOnlySpan<byte>.Empty)]);

        return new SimulatedSecurityDocument
        {
            Owner = owner,
            BootSigner = Convert.ToBase64String(db),
            Variables = new Dictionary<string, string>
            {
                ["PK"] = Convert.ToBase64String(EfiSignatureListWriter.Certificates(owner, [pk])),
                ["KEK"] = Convert.ToBase64String(EfiSignatureListWriter.Certificates(owner, [kek])),
                ["db"] = Convert.ToBase64String(EfiSignatureListWriter.Certificates(owner, [db])),
                ["dbx"] = Convert.ToBase64String(dbx),
            },
        };
    }

    /// <summary>The variable's data now; an absent variable is empty, as firmware measures it.</summary>
    public static byte[] Variable(SimulatedSecurityDocument document, string name, bool secureBoot) =>
        name == "SecureBoot"
            ? [secureBoot ? (byte)1 : (byte)0]
            : document.Variables.TryGetValue(name, out var value) ? Convert.FromBase64String(value) : [];

    public static byte[] EventLog(SimulatedSecurityDocument document, bool secureBoot)
    {
        var writer = new TcgEventLogWriter();
        IEnumerable<(string, Guid)> measured = [("SecureBoot", EfiVariableNames.Global), .. EfiVariableNames.Databases];
        foreach (var (name, vendor) in measured)
        {
            var data = new UefiVariableData(vendor, name, Variable(document, name, secureBoot));
            writer.Measure(Pcr7.Index, TcgEvent.EfiVariableDriverConfig, data.Encode());
        }

        writer.Measure(Pcr7.Index, TcgEvent.Separator, [0, 0, 0, 0]);
        if (secureBoot && document.BootSigner.Length > 0)
        {
            var signer = Convert.FromBase64String(document.BootSigner);
            var entry = EfiSignatureListWriter.SignatureData(document.Owner, signer);
            writer.Measure(
                Pcr7.Index,
                TcgEvent.EfiVariableAuthority,
                new UefiVariableData(EfiVariableNames.ImageSecurityDatabase, "db", entry).Encode());
        }

        return writer.ToArray();
    }

    private static byte[] Issue(X509Certificate2 ca, string subject, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var certificate = request.Create(ca, now.AddDays(-1), now.AddYears(10), serial);

        return certificate.RawData;
    }
}
