using System.Security.Cryptography;

namespace IncusOs.Providers.Security;

/// <summary>
/// PCR7 (SHA-256 bank) from an event log: the replay of what was measured, and the prediction for the
/// next boot (security.md §2.4) where Secure Boot variables are re-measured from their current content.
/// </summary>
public static class Pcr7
{
    public const uint Index = 7;

    /// <summary>GUID of the image security database variables (db, dbx).</summary>
    public static readonly Guid ImageSecurityDatabase = new("d719b2cb-3d3a-4596-a3bc-dad00e67656f");

    /// <summary>Extends from 32 zero bytes with every logged PCR7 digest.</summary>
    public static byte[] Replay(TcgEventLog log) => Extend(log, static e => Logged(e));

    /// <summary>
    /// Replays PCR7 with each EV_EFI_VARIABLE_DRIVER_CONFIG digest recomputed from
    /// <paramref name="currentData"/> (the variable's data now; empty when absent), and each
    /// EV_EFI_VARIABLE_AUTHORITY event replaced by what <paramref name="authority"/> returns (null keeps it).
    /// </summary>
    public static byte[] Predict(
        TcgEventLog log,
        Func<UefiVariableData, byte[]> currentData,
        Func<UefiVariableData, byte[]?>? authority = null) =>
        Extend(log, e =>
        {
            if (e.Type == TcgEvent.EfiVariableDriverConfig)
            {
                var logged = UefiVariableData.Parse(e.Data);

                return SHA256.HashData((logged with { Data = currentData(logged) }).Encode());
            }

            if (e.Type == TcgEvent.EfiVariableAuthority && authority is not null
                && authority(UefiVariableData.Parse(e.Data)) is { } signatureData)
            {
                return SHA256.HashData(new UefiVariableData(ImageSecurityDatabase, "db", signatureData).Encode());
            }

            return Logged(e);
        });

    /// <summary>
    /// The EV_EFI_VARIABLE_AUTHORITY substitution of security.md §2.4: a logged certificate that is not
    /// <paramref name="bootSigner"/> but shares the first four words of its subject is replaced by the db
    /// entry holding <paramref name="bootSigner"/> (a signing-key rotation). Returns the new
    /// EFI_SIGNATURE_DATA, or null to keep the logged event.
    /// </summary>
    public static Func<UefiVariableData, byte[]?> AuthoritySubstitution(byte[] bootSigner, byte[] db)
    {
        var signer = SecureBootCertificates.TryDescribe("db", bootSigner);
        var entry = SafeParse(db).FirstOrDefault(e => e.IsX509 && e.Data.AsSpan().SequenceEqual(bootSigner));

        return logged =>
        {
            if (signer is null || entry is null || logged.Name != "db" || logged.Data.Length <= 16)
            {
                return null;
            }

            var loggedDer = logged.Data[16..];
            if (loggedDer.AsSpan().SequenceEqual(bootSigner)
                || SecureBootCertificates.TryDescribe("db", loggedDer) is not { } loggedCertificate
                || FirstWords(loggedCertificate.Subject) != FirstWords(signer.Subject))
            {
                return null;
            }

            return EfiSignatureListWriter.SignatureData(entry.Owner, entry.Data);
        };
    }

    private static string FirstWords(string subject) => string.Join(' ', subject.Split(' ').Take(4));

    private static IReadOnlyList<EfiSignature> SafeParse(byte[] data)
    {
        try
        {
            return EfiSignatureList.Parse(data);
        }
        catch (ProviderException)
        {
            return [];
        }
    }

    private static byte[] Extend(TcgEventLog log, Func<TcgEvent, byte[]> digestOf)
    {
        var pcr = new byte[32];
        var buffer = new byte[64];
        foreach (var e in log.Events.Where(e => e.Pcr == Index && e.Type != TcgEvent.NoAction))
        {
            pcr.CopyTo(buffer, 0);
            digestOf(e).CopyTo(buffer, 32);
            pcr = SHA256.HashData(buffer);
        }

        return pcr;
    }

    private static byte[] Logged(TcgEvent e) =>
        e.Sha256 ?? throw new ProviderException($"TPM event log event {e.Index} has no SHA-256 digest");
}
