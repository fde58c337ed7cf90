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
