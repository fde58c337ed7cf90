namespace IncusOs.Tests.Journal;

/// <summary>A clock in UTC that moves one millisecond each time it is read, so entries never tie.</summary>
public sealed class SteppingTime : TimeProvider
{
    private long _ticks = new DateTimeOffset(2025, 9, 3, 14, 0, 0, TimeSpan.Zero).UtcTicks;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() =>
        new(Interlocked.Add(ref _ticks, TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
