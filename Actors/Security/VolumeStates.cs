namespace IncusOs.Actors.Security;

/// <summary>The <c>state</c> strings of <c>encrypted_volumes</c> (security.md §2.1).</summary>
public static class VolumeStates
{
    public const string Locked = "locked";
    public const string UnlockedByTpm = "unlocked (TPM)";
    public const string UnlockedPending = "unlocked (TPM; PCR update pending)";
    public const string UnlockedByPassphrase = "unlocked (recovery passphrase)";

    public static string Of(bool active, bool tpmUnlocks, string tpmStatus) =>
        !active ? Locked
        : tpmUnlocks ? UnlockedByTpm
        : tpmStatus == Providers.Security.TpmStatus.PendingPcr7Update ? UnlockedPending
        : UnlockedByPassphrase;
}
