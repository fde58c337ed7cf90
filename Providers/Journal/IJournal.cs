namespace IncusOs.Providers.Journal;

/// <summary>
/// Reads the systemd journal as <c>journalctl -o json</c> shows it. The entries are spooled to an
/// unlinked temporary file, never held in memory; the caller streams them out and disposes the result.
/// A failure (journalctl's exit status and stderr, or a line that is not a JSON object) throws a
/// <see cref="ProviderException"/> whose message goes to the client.
/// </summary>
public interface IJournal
{
    Task<JournalEntries> QueryAsync(JournalQuery query, CancellationToken cancellationToken);
}
