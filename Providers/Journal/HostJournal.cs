using IncusOs.Providers.Process;

namespace IncusOs.Providers.Journal;

/// <summary>
/// The host's journal through <c>journalctl -o json</c> (debug.md §2.2). Each output line is
/// re-encoded as it arrives and spooled; nothing is returned until journalctl has exited 0.
/// Cancelling the token kills journalctl.
/// </summary>
public sealed class HostJournal : IJournal
{
    private readonly IProcessRunner _runner;
    private readonly Func<JournalSpool> _createSpool;

    /// <param name="runner">Runs journalctl.</param>
    /// <param name="spoolDirectory">Where the unlinked spool files live (on disk, not tmpfs).</param>
    public HostJournal(IProcessRunner runner, string spoolDirectory)
        : this(runner, () => JournalSpool.CreateTemporary(spoolDirectory))
    {
    }

    internal HostJournal(IProcessRunner runner, Func<JournalSpool> createSpool)
    {
        _runner = runner;
        _createSpool = createSpool;
    }

    public async Task<JournalEntries> QueryAsync(JournalQuery query, CancellationToken cancellationToken)
    {
        var spool = _createSpool();
        try
        {
            await _runner.RunLinesAsync(
                JournalQuery.Command,
                query.Arguments,
                (line, token) => line.Length == 0
                    ? ValueTask.CompletedTask
                    : spool.AddAsync(JournalJson.Normalise(line), token),
                ProcessOptions.Default,
                cancellationToken).ConfigureAwait(false);

            return await spool.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }
}
