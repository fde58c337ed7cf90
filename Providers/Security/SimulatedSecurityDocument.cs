using Newtonsoft.Json;

namespace IncusOs.Providers.Security;

/// <summary>
/// The simulated machine's firmware, TPM and LUKS volumes, kept in <c>STATE/machine/security.json</c>.
/// A harness may edit <see cref="Variables"/> (a firmware change made outside the daemon: the next boot
/// measures a different PCR7) or <see cref="Faults"/>. Passphrases are stored only as salted hashes.
/// </summary>
public sealed record SimulatedSecurityDocument
{
    /// <summary>PK, KEK, db and dbx: base64 EFI_SIGNATURE_LIST data (efivarfs content after the header).</summary>
    [JsonProperty("variables")]
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>Base64 DER of the db certificate that signs the boot loader and UKIs.</summary>
    [JsonProperty("boot_signer")]
    public string BootSigner { get; init; } = string.Empty;

    /// <summary>Owner GUID of the machine's signature list entries.</summary>
    [JsonProperty("owner")]
    public Guid Owner { get; init; }

    /// <summary>The boot whose measurements <see cref="EventLog"/> and <see cref="Pcr7"/> hold.</summary>
    [JsonProperty("measured_boot_id")]
    public string MeasuredBootId { get; init; } = string.Empty;

    /// <summary>Base64 of the TCG2 event log of the measured boot.</summary>
    [JsonProperty("event_log")]
    public string EventLog { get; init; } = string.Empty;

    [JsonProperty("pcr7")]
    public string Pcr7 { get; init; } = string.Empty;

    [JsonProperty("volumes")]
    public IReadOnlyList<SimulatedLuksVolume> Volumes { get; init; } = [];

    [JsonProperty("faults")]
    public SimulatedSecurityFaults Faults { get; init; } = new();
}
