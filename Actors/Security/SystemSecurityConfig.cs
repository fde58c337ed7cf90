using Newtonsoft.Json;

namespace IncusOs.Actors.Security;

/// <summary>The recovery passphrases, returned in clear text as the reference does.</summary>
public sealed record SystemSecurityConfig(
    [property: JsonProperty("encryption_recovery_keys")] IReadOnlyList<string>? EncryptionRecoveryKeys)
{
    public override string ToString() => $"SystemSecurityConfig {{ Keys = {EncryptionRecoveryKeys?.Count ?? 0} }}";
}
