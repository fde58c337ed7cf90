using IncusOs.Actors.Update;

namespace IncusOs.Tests.Update;

/// <summary>What a PUT may store: spec update.md §2.3 validation and the clamp of DECISIONS.md.</summary>
public sealed class UpdateConfigRulesTests
{
    private const long Minute = 60L * 1_000_000_000;
    private const string BothDays = "invalid migration window: both StartDayOfWeek and EndDayOfWeek must be provided";

    [Theory]
    [InlineData("Sunday", 4, 0, "Sunday", 2, 0, "invalid migration window: end time is before start time")]
    [InlineData("Sunday", 2, 0, "", 4, 0, BothDays)]
    [InlineData("", 2, 0, "Monday", 4, 0, BothDays)]
    [InlineData("Funday", 2, 0, "Monday", 4, 0, "invalid migration window: unknown day of week \"Funday\"")]
    public void Accept_InvalidWindow_RefusedWithMessage(
        string startDay, int startHour, int startMinute, string endDay, int endHour, int endMinute, string message)
    {
        var window = new SystemUpdateMaintenanceWindow
        {
            StartDayOfWeek = startDay, StartHour = startHour, StartMinute = startMinute,
            EndDayOfWeek = endDay, EndHour = endHour, EndMinute = endMinute,
        };

        var (config, error) = UpdateConfigRules.Accept(new SystemUpdateConfig { MaintenanceWindows = [window] });

        Assert.Null(config);
        Assert.Equal(message, error);
    }

    [Fact]
    public void Accept_FirstInvalidWindowWins_InArrayOrder()
    {
        var windows = new[]
        {
            new SystemUpdateMaintenanceWindow { StartDayOfWeek = "Monday" },
            new SystemUpdateMaintenanceWindow { StartDayOfWeek = "Sunday", StartHour = 3, EndDayOfWeek = "Sunday" },
        };

        var (_, error) = UpdateConfigRules.Accept(new SystemUpdateConfig { MaintenanceWindows = windows });

        Assert.Equal("invalid migration window: both StartDayOfWeek and EndDayOfWeek must be provided", error);
    }

    [Fact]
    public void Accept_DailyWindowEndingBeforeStart_AcceptedAsCrossingMidnight()
    {
        var window = new SystemUpdateMaintenanceWindow { StartHour = 23, StartMinute = 30, EndHour = 2 };

        var (config, error) = UpdateConfigRules.Accept(new SystemUpdateConfig { MaintenanceWindows = [window] });

        Assert.Null(error);
        Assert.Single(config!.MaintenanceWindows!);
    }

    [Theory]
    [InlineData(0, SystemUpdateConfig.DefaultFrequency)]
    [InlineData(5 * Minute - 1, SystemUpdateConfig.DefaultFrequency)]
    [InlineData(5 * Minute, 5 * Minute)]
    [InlineData(12 * 60 * Minute, 12 * 60 * Minute)]
    [InlineData(long.MaxValue, long.MaxValue)]
    public void Accept_Frequency_ClampedUnderFiveMinutes(long given, long stored)
    {
        var (config, _) = UpdateConfigRules.Accept(new SystemUpdateConfig { UpdateFrequency = given });

        Assert.Equal(stored, config!.UpdateFrequency);
    }

    [Fact]
    public void Accept_NegativeFrequency_Refused()
    {
        var (config, error) = UpdateConfigRules.Accept(new SystemUpdateConfig { UpdateFrequency = -1 });

        Assert.Null(config);
        Assert.Equal("invalid update frequency: must not be negative", error);
    }

    [Fact]
    public void Accept_EmptyWindowList_StoredAsNone()
    {
        var (config, _) = UpdateConfigRules.Accept(new SystemUpdateConfig { MaintenanceWindows = [] });

        Assert.Null(config!.MaintenanceWindows);
    }

    [Theory]
    [InlineData("202509031200", "202509031159", true)]
    [InlineData("202509031159", "202509031200", false)]
    [InlineData("202509031200", "202509031200", false)]
    [InlineData("dev", "202509031200", false)]
    [InlineData("202509031200", "", false)]
    public void IsNewer_Versions_ComparedAsIntegers(string candidate, string current, bool newer)
    {
        Assert.Equal(newer, UpdateVersions.IsNewer(candidate, current));
    }
}
