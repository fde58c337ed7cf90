using Newtonsoft.Json;

namespace IncusOs.Actors.Security;

/// <summary>The observed security state, in the spec's field order.</summary>
public sealed record SystemSecurityState(
    [property: JsonProperty("encryption_recovery_keys_retrieved")] bool EncryptionRecoveryKeysRetrieved,
    [property: JsonProperty("encrypted_volumes")] IReadOnlyList<EncryptedVolume> EncryptedVolumes,
    [property: JsonProperty("secure_boot_enabled")] bool SecureBootEnabled,
    [property: JsonProperty("secure_boot_certificates")]
    IReadOnlyList<SecureBootCertificateDocument> SecureBootCertificates,
    [property: JsonProperty("tpm_status")] string TpmStatus,
    [property: JsonProperty("pool_recovery_keys")] IReadOnlyDictionary<string, string> PoolRecoveryKeys)
{
    public override string ToString() =>
        $"SystemSecurityState {{ Retrieved = {EncryptionRecoveryKeysRetrieved}, TpmStatus = {TpmStatus} }}";
}
