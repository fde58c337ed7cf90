using Newtonsoft.Json;

namespace IncusOs.Actors.Update;

/// <summary>A weekly or daily UTC time range in which periodic checks and automatic reboots may run.</summary>
public sealed record SystemUpdateMaintenanceWindow
{
    [JsonProperty("start_day_of_week")]
    public string StartDayOfWeek { get; init; } = string.Empty;

    [JsonProperty("start_hour")]
    public int StartHour { get; init; }

    [JsonProperty("start_minute")]
    public int StartMinute { get; init; }

    [JsonProperty("end_day_of_week")]
    public string EndDayOfWeek { get; init; } = string.Empty;

    [JsonProperty("end_hour")]
    public int EndHour { get; init; }

    [JsonProperty("end_minute")]
    public int EndMinute { get; init; }

    public bool ShouldSerializeStartDayOfWeek() => !string.IsNullOrEmpty(StartDayOfWeek);

    public bool ShouldSerializeEndDayOfWeek() => !string.IsNullOrEmpty(EndDayOfWeek);
}
