using System.Globalization;
using IncusOs.Actors.Update;

namespace IncusOs.Tests.Update;

/// <summary>Spec update.md §3, every case it lists (2025-08-28 is a Thursday), plus the edges around them.</summary>
public sealed class MaintenanceWindowsTests
{
    [Theory]
    // Daily 10:00-11:15: both ends inclusive.
    [InlineData("", 10, 0, "", 11, 15, "2025-08-28 10:00", true)]
    [InlineData("", 10, 0, "", 11, 15, "2025-08-28 11:15", true)]
    [InlineData("", 10, 0, "", 11, 15, "2025-08-28 09:59", false)]
    [InlineData("", 10, 0, "", 11, 15, "2025-08-28 11:16", false)]
    [InlineData("", 10, 0, "", 11, 15, "2025-08-28 11:15:59", true)]
    // Daily 23:30-02:00, across midnight.
    [InlineData("", 23, 30, "", 2, 0, "2025-08-28 23:30", true)]
    [InlineData("", 23, 30, "", 2, 0, "2025-08-29 00:00", true)]
    [InlineData("", 23, 30, "", 2, 0, "2025-08-29 01:30", true)]
    [InlineData("", 23, 30, "", 2, 0, "2025-08-29 02:00", true)]
    [InlineData("", 23, 30, "", 2, 0, "2025-08-28 23:29", false)]
    [InlineData("", 23, 30, "", 2, 0, "2025-08-29 02:01", false)]
    // Thursday 12:00-12:15 only on Thursday.
    [InlineData("Thursday", 12, 0, "Thursday", 12, 15, "2025-08-28 12:00", true)]
    [InlineData("Thursday", 12, 0, "Thursday", 12, 15, "2025-08-28 12:16", false)]
    [InlineData("Thursday", 12, 0, "Thursday", 12, 15, "2025-08-27 12:00", false)]
    [InlineData("Thursday", 12, 0, "Thursday", 12, 15, "2025-08-29 12:00", false)]
    // Wednesday 00:00 to Friday 23:59.
    [InlineData("Wednesday", 0, 0, "Friday", 23, 59, "2025-08-27 00:00", true)]
    [InlineData("Wednesday", 0, 0, "Friday", 23, 59, "2025-08-28 12:00", true)]
    [InlineData("Wednesday", 0, 0, "Friday", 23, 59, "2025-08-29 23:59", true)]
    [InlineData("Wednesday", 0, 0, "Friday", 23, 59, "2025-08-26 23:59", false)]
    [InlineData("Wednesday", 0, 0, "Friday", 23, 59, "2025-08-30 00:00", false)]
    // Saturday 00:00 to Sunday 23:59, wrapping past Saturday.
    [InlineData("Saturday", 0, 0, "Sunday", 23, 59, "2025-08-30 00:00", true)]
    [InlineData("Saturday", 0, 0, "Sunday", 23, 59, "2025-08-30 18:00", true)]
    [InlineData("Saturday", 0, 0, "Sunday", 23, 59, "2025-08-31 00:00", true)]
    [InlineData("Saturday", 0, 0, "Sunday", 23, 59, "2025-08-31 23:59", true)]
    [InlineData("Saturday", 0, 0, "Sunday", 23, 59, "2025-08-29 23:59", false)]
    [InlineData("Saturday", 0, 0, "Sunday", 23, 59, "2025-09-01 00:00", false)]
    public void IsActive_SpecCase_MatchesReference(
        string startDay,
        int startHour,
        int startMinute,
        string endDay,
        int endHour,
        int endMinute,
        string at,
        bool active)
    {
        var window = new SystemUpdateMaintenanceWindow
        {
            StartDayOfWeek = startDay, StartHour = startHour, StartMinute = startMinute,
            EndDayOfWeek = endDay, EndHour = endHour, EndMinute = endMinute,
        };

        var result = MaintenanceWindows.IsActive(window, Utc(at));

        Assert.Equal(active, result);
    }

    [Fact]
    public void InAnyWindow_NoWindows_AlwaysInside()
    {
        Assert.True(MaintenanceWindows.InAnyWindow(null, Utc("2025-08-28 03:00")));
        Assert.True(MaintenanceWindows.InAnyWindow([], Utc("2025-08-28 03:00")));
    }

    [Fact]
    public void InAnyWindow_SecondWindowActive_Inside()
    {
        var windows = new[]
        {
            new SystemUpdateMaintenanceWindow { StartHour = 1, EndHour = 2 },
            new SystemUpdateMaintenanceWindow { StartHour = 3, EndHour = 4 },
        };

        Assert.True(MaintenanceWindows.InAnyWindow(windows, Utc("2025-08-28 03:30")));
        Assert.False(MaintenanceWindows.InAnyWindow(windows, Utc("2025-08-28 05:00")));
    }

    private static DateTime Utc(string text) =>
        DateTime.Parse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
