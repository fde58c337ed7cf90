using Newtonsoft.Json;

namespace IncusOs.Actors.Update;

/// <summary>Progress of Secure Boot key updates: the last version recorded and whether it is fully applied.</summary>
public sealed record SecureBootKeyState
{
    [JsonProperty("version")]
    public string Version { get; init; } = string.Empty;

    [JsonProperty("fully_applied")]
    public bool FullyApplied { get; init; }
}
