namespace IncusOs.Providers.Security;

/// <summary>
/// The LUKS volumes and their key slots. Passphrases travel to the tools by environment or stdin only.
/// Every change is authorised by the TPM slot (on the host) or the provider's configured key.
/// </summary>
public interface IEncryptedVolumes
{
    /// <summary>Finds the <c>root</c> and <c>swap</c> devices (security.md §2.1).</summary>
    Task<IReadOnlyList<LuksVolume>> DiscoverAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<LuksSlot>> ListSlotsAsync(LuksVolume volume, CancellationToken cancellationToken);

    /// <summary>Enrols a generated recovery key in a new slot and returns it.</summary>
    Task<string> EnrollRecoveryKeyAsync(LuksVolume volume, CancellationToken cancellationToken);

    Task EnrollPassphraseAsync(LuksVolume volume, string passphrase, CancellationToken cancellationToken);

    Task WipeSlotsAsync(LuksVolume volume, IReadOnlyCollection<int> slots, CancellationToken cancellationToken);

    /// <summary>True when the volume is open (its device-mapper device exists).</summary>
    Task<bool> IsActiveAsync(LuksVolume volume, CancellationToken cancellationToken);

    /// <summary>True when the volume's tokens (the TPM) unlock it now, without a passphrase.</summary>
    Task<bool> CanUnlockWithTpmAsync(LuksVolume volume, CancellationToken cancellationToken);

    /// <summary>Re-seals the TPM slot to <paramref name="pcr7Hex"/>, authorised by the passphrase.</summary>
    Task ResealTpmAsync(LuksVolume volume, string pcr7Hex, string passphrase, CancellationToken cancellationToken);
}
