namespace IncusOs.Providers.Security;

/// <summary>
/// A LUKS key slot as <c>systemd-cryptenroll</c> lists it: <c>password</c>, <c>recovery</c>, <c>tpm2</c>...
/// The slot the provider itself unlocks with (when that is a key file) is listed as <see cref="Authority"/>.
/// </summary>
public sealed record LuksSlot(int Index, string Type)
{
    public const string Password = "password";
    public const string Recovery = "recovery";
    public const string Tpm2 = "tpm2";
    public const string Authority = "authority";

    /// <summary>True for the slots that hold recovery passphrases.</summary>
    public bool HoldsPassphrase => Type is Password or Recovery;
}
