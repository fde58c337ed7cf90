using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace IncusOs.Daemon.Logging;

/// <summary>
/// One line per record as the reference daemon writes to stdout (lifecycle.md §5):
/// <c>YYYY-MM-DD HH:MM:SS LEVEL message</c>, local time, Go level names; an exception follows.
/// </summary>
public sealed partial class IncusConsoleFormatter : ConsoleFormatter
{
    public const string FormatterName = "incus";

    public IncusConsoleFormatter()
        : base(FormatterName)
    {
    }

    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "ERROR",
        _ => "INFO",
    };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        _ = scopeProvider;
        // Akka's records arrive pre-formatted as "[LEVEL][time][Thread N][source] text"; keep the text.
        var message = AkkaPrefix().Replace(logEntry.Formatter(logEntry.State, logEntry.Exception), string.Empty, 1);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write(' ');
        textWriter.Write(LevelName(logEntry.LogLevel));
        textWriter.Write(' ');
        textWriter.Write(message);
        if (logEntry.Exception is not null)
        {
            textWriter.Write(' ');
            textWriter.Write(logEntry.Exception.ToString().Replace('\n', ' '));
        }

        textWriter.Write('\n');
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\[[A-Z]+\]\[[^\]]*\]\[Thread \d+\]\[[^\]]*\] ")]
    private static partial System.Text.RegularExpressions.Regex AkkaPrefix();
}
