using Microsoft.Extensions.Logging;

namespace IncusOs.Providers.Journal;

/// <summary>
/// Sends the daemon's log records, in simulate mode, to the <see cref="SimulatedJournal"/> of the
/// current simulated boot, as the reference's stdout reaches journald: one line per record in the
/// lifecycle.md §5 format, debug records left out.
/// </summary>
[ProviderAlias("SimulatedJournal")]
public sealed class SimulatedJournalLoggerProvider : ILoggerProvider
{
    private readonly SimulatedJournal _journal;
    private readonly TimeProvider _time;

    public SimulatedJournalLoggerProvider(SimulatedJournal journal, TimeProvider time)
    {
        _journal = journal;
        _time = time;
    }

    public ILogger CreateLogger(string categoryName) => new SimulatedJournalLogger(_journal, _time);

    // The journal belongs to the container, which flushes it when it is disposed.
    public void Dispose()
    {
    }
}
