using Newtonsoft.Json;

namespace IncusOs.Providers.Security;

/// <summary>
/// A simulated key slot: a passphrase slot keeps a PBKDF2-SHA256 hash with its salt; a <c>tpm2</c> slot
/// keeps the PCR7 value it is sealed to.
/// </summary>
public sealed record SimulatedLuksSlot
{
    [JsonProperty("index")]
    public int Index { get; init; }

    [JsonProperty("type")]
    public string Type { get; init; } = string.Empty;

    [JsonProperty("salt")]
    public string? Salt { get; init; }

    [JsonProperty("hash")]
    public string? Hash { get; init; }

    [JsonProperty("pcr7")]
    public string? Pcr7 { get; init; }
}
