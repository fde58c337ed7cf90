using Newtonsoft.Json;

namespace IncusOs.Actors.Update;

/// <summary>The read-only part of the update document.</summary>
public sealed record SystemUpdateState
{
    /// <summary>Start of the last check of this daemon run; the zero time before the first.</summary>
    [JsonProperty("last_check")]
    public DateTime LastCheck { get; init; } = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);

    [JsonProperty("update_status")]
    public string UpdateStatus { get; init; } = string.Empty;

    [JsonProperty("needs_reboot")]
    public bool NeedsReboot { get; init; }
}
