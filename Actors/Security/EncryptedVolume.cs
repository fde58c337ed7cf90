using Newtonsoft.Json;

namespace IncusOs.Actors.Security;

/// <summary>One LUKS volume and how it was unlocked (security.md §2.1).</summary>
public sealed record EncryptedVolume(
    [property: JsonProperty("volume")] string Volume,
    [property: JsonProperty("state")] string State);
