using Akka.Event;
using Microsoft.Extensions.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace IncusOs.Actors.Network;

/// <summary>
/// Lets helpers written against <see cref="ILogger"/> (the state store) log through the actor's logger.
/// </summary>
internal sealed class AkkaLoggerAdapter : ILogger
{
    private readonly ILoggingAdapter _log;

    public AkkaLoggerAdapter(ILoggingAdapter log)
    {
        _log = log;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(
        LogLevel logLevel,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        switch (logLevel)
        {
            case LogLevel.Critical or LogLevel.Error:
                _log.Error(exception, "{Message}", message);
                break;
            case LogLevel.Warning:
                _log.Warning(exception, "{Message}", message);
                break;
            case LogLevel.Information:
                _log.Info("{Message}", message);
                break;
            default:
                _log.Debug("{Message}", message);
                break;
        }
    }
}
