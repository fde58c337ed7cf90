using Newtonsoft.Json;

namespace IncusOs.Actors.Update;

/// <summary>The update configuration; <c>maintenance_windows</c> is omitted when there is none.</summary>
public sealed record SystemUpdateConfig
{
    /// <summary>Six hours in nanoseconds: the default, and what a frequency under five minutes becomes.</summary>
    public const long DefaultFrequency = 6L * 60 * 60 * 1_000_000_000;

    /// <summary>Five minutes in nanoseconds: the smallest frequency kept as given.</summary>
    public const long MinimumFrequency = 5L * 60 * 1_000_000_000;

    /// <summary>Nanoseconds between periodic checks (Go <c>time.Duration</c>).</summary>
    [JsonProperty("update_frequency")]
    public long UpdateFrequency { get; init; } = DefaultFrequency;

    [JsonProperty("auto_reboot")]
    public bool AutoReboot { get; init; }

    [JsonProperty("maintenance_windows", NullValueHandling = NullValueHandling.Ignore)]
    public IReadOnlyList<SystemUpdateMaintenanceWindow>? MaintenanceWindows { get; init; }

    [JsonIgnore]
    public TimeSpan Frequency => TimeSpan.FromTicks(UpdateFrequency / 100);

    public bool ShouldSerializeMaintenanceWindows() => MaintenanceWindows is { Count: > 0 };
}
