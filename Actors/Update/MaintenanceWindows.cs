namespace IncusOs.Actors.Update;

/// <summary>
/// Maintenance window rules (spec update.md §2.3 and §3): validation of a PUT, and whether a moment falls
/// in a window, computed in minutes since Sunday 00:00 UTC with both ends inclusive.
/// </summary>
public static class MaintenanceWindows
{
    private const int MinutesPerDay = 1440;
    private const int MinutesPerWeek = 7 * MinutesPerDay;

    private static readonly string[] Days =
        ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    /// <summary>True when there is no window or any window is active at <paramref name="now"/>.</summary>
    public static bool InAnyWindow(IReadOnlyList<SystemUpdateMaintenanceWindow>? windows, DateTime now) =>
        windows is not { Count: > 0 } || windows.Any(w => IsActive(w, now));

    public static bool IsActive(SystemUpdateMaintenanceWindow window, DateTime now)
    {
        var utc = now.ToUniversalTime();
        var day = (int)utc.DayOfWeek;
        var time = (utc.Hour * 60) + utc.Minute;
        var start = (window.StartHour * 60) + window.StartMinute;
        var end = (window.EndHour * 60) + window.EndMinute;
        var startDay = IndexOf(window.StartDayOfWeek);
        var endDay = IndexOf(window.EndDayOfWeek);

        int from;
        int to;
        if (string.IsNullOrEmpty(window.StartDayOfWeek) && string.IsNullOrEmpty(window.EndDayOfWeek))
        {
            from = (day * MinutesPerDay) + start;
            to = (day * MinutesPerDay) + end;
            if (end < start)
            {
                if (time < start)
                {
                    from -= MinutesPerDay;
                }
                else
                {
                    to += MinutesPerDay;
                }
            }
        }
        else if (startDay <= endDay)
        {
            from = (startDay * MinutesPerDay) + start;
            to = (endDay * MinutesPerDay) + end;
        }
        else
        {
            from = (startDay * MinutesPerDay) + start;
            to = ((endDay + 7) * MinutesPerDay) + end;
        }

        var position = (day * MinutesPerDay) + time;
        if (to >= MinutesPerWeek && day <= endDay)
        {
            position += MinutesPerWeek;
        }

        return from <= position && position <= to;
    }

    /// <summary>
    /// The first problem of a window list, in array order, with the reference's messages; null when valid.
    /// Unknown day names are refused too (the reference accepts them and never matches; see README).
    /// </summary>
    public static string? Validate(IReadOnlyList<SystemUpdateMaintenanceWindow>? windows)
    {
        foreach (var window in windows ?? [])
        {
            var start = window.StartDayOfWeek ?? string.Empty;
            var end = window.EndDayOfWeek ?? string.Empty;
            if (start.Length > 0 && start == end
                && (window.EndHour * 60) + window.EndMinute < (window.StartHour * 60) + window.StartMinute)
            {
                return "invalid migration window: end time is before start time";
            }

            if ((start.Length == 0) != (end.Length == 0))
            {
                return "invalid migration window: both StartDayOfWeek and EndDayOfWeek must be provided";
            }

            foreach (var name in new[] { start, end }.Where(n => n.Length > 0 && IndexOf(n) < 0))
            {
                return $"invalid migration window: unknown day of week \"{name}\"";
            }
        }

        return null;
    }

    private static int IndexOf(string? day) => day is null ? -1 : Array.IndexOf(Days, day);
}
