using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace IncusOs.Providers.Journal;

/// <summary>
/// Formats a record as the reference's console line, <c>YYYY-MM-DD HH:MM:SS LEVEL message key=value...</c>
/// (local time; an exception adds <c>err=</c>), and appends it to the simulated journal with the
/// matching syslog priority. A multi-line message becomes one entry per line, as journald splits stdout.
/// </summary>
public sealed partial class SimulatedJournalLogger : ILogger
{
    private readonly SimulatedJournal _journal;
    private readonly TimeProvider _time;

    public SimulatedJournalLogger(SimulatedJournal journal, TimeProvider time)
    {
        _journal = journal;
        _time = time;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    // The reference suppresses debug records entirely.
    public bool IsEnabled(LogLevel logLevel) => logLevel is >= LogLevel.Information and < LogLevel.None;

    public void Log<TState>(
        LogLevel logLevel,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        // Akka's records arrive as "[LEVEL][time][Thread N][source] text"; the journal keeps the text.
        var message = AkkaPrefix().Replace(formatter(state, exception), string.Empty, 1);
        var line = Format(_time.GetLocalNow(), logLevel, message, exception);
        var priority = Priority(logLevel);
        foreach (var part in line.Split('\n'))
        {
            _journal.Append(priority, part.TrimEnd('\r'));
        }
    }

    /// <summary>The lifecycle.md §5 line for one record.</summary>
    public static string Format(DateTimeOffset localTime, LogLevel level, string message, Exception? exception)
    {
        var text = new StringBuilder(64 + message.Length);
        text.Append(localTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
            .Append(' ')
            .Append(LevelName(level))
            .Append(' ')
            .Append(message);
        if (exception is not null)
        {
            text.Append(" err=").Append(exception.Message);
        }

        return text.ToString();
    }

    /// <summary>Go's slog level names, as the reference prints them.</summary>
    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        _ => "ERROR",
    };

    /// <summary>The syslog priority journald records for the level.</summary>
    public static int Priority(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => 7,
        LogLevel.Information => 6,
        LogLevel.Warning => 4,
        LogLevel.Error => 3,
        _ => 2,
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"^\[[A-Z]+\]\[[^\]]*\]\[Thread \d+\]\[[^\]]*\] ")]
    private static partial System.Text.RegularExpressions.Regex AkkaPrefix();
}
