namespace IncusOs.Providers.Security;

/// <summary>
/// How the host LUKS provider reaches and authorises the volumes. The defaults are the host's
/// (security.md): devices found through partition labels, changes authorised by the TPM slot. Tests
/// name the devices, authorise with a key file and pick a cheap PBKDF; that is the only difference.
/// </summary>
public sealed record LuksOptions
{
    public string PartitionLabels { get; init; } = "/dev/disk/by-partlabel";

    /// <summary>Fixed devices by volume name (<c>root</c>, <c>swap</c>) instead of the label lookup.</summary>
    public IReadOnlyDictionary<string, string>? Devices { get; init; }

    /// <summary>
    /// A key file that authorises slot changes instead of the TPM (<c>--unlock-key-file</c>); its slot
    /// is listed as <see cref="LuksSlot.Authority"/> and never wiped.
    /// </summary>
    public string? UnlockKeyFile { get; init; }

    /// <summary>The TPM for re-sealing: <c>auto</c>, or e.g. <c>swtpm:host=127.0.0.1,port=2321</c>.</summary>
    public string TpmDevice { get; init; } = "auto";

    /// <summary>
    /// PBKDF iterations for passphrase slots. Null keeps systemd-cryptenroll's default (argon2id, seconds
    /// per slot); when set, passphrases are added with <c>cryptsetup luksAddKey --pbkdf pbkdf2</c>,
    /// which needs <see cref="UnlockKeyFile"/>.
    /// </summary>
    public int? Pbkdf2Iterations { get; init; }

    /// <summary>
    /// Whether systemd-cryptenroll takes literal PCR values and <c>--tpm2-pcrlock=</c> (systemd 255 and
    /// later, as on the host). Older releases (Debian 12's 252, used by the tests) seal to the current
    /// PCR7 with <c>--tpm2-pcrs=7</c>, which is the same value when re-binding to the present state.
    /// </summary>
    public bool LiteralPcrValues { get; init; } = true;
}
