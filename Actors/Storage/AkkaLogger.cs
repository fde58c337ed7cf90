using Akka.Event;
using Microsoft.Extensions.Logging;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace IncusOs.Actors.Storage;

/// <summary>
/// Lets a component that logs through <see cref="ILogger"/> (the state store) write to the actor's log.
/// </summary>
internal sealed class AkkaLogger : ILogger
{
    private readonly ILoggingAdapter _log;

    public AkkaLogger(ILoggingAdapter log)
    {
        _log = log;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(MsLogLevel logLevel) => logLevel >= MsLogLevel.Information;

    public void Log<TState>(
        MsLogLevel logLevel,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        var text = formatter(state, exception);
        switch (logLevel)
        {
            case >= MsLogLevel.Error:
                _log.Error(exception, "{Message}", text);
                break;
            case MsLogLevel.Warning:
                _log.Warning(exception, "{Message}", text);
                break;
            case MsLogLevel.Information:
                _log.Info("{Message}", text);
                break;
        }
    }
}
