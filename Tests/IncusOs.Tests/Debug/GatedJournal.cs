using IncusOs.Providers.Journal;

namespace IncusOs.Tests.Debug;

/// <summary>
/// A journal whose queries wait for <see cref="Release"/> (or their cancellation), counting how many
/// are running, then answer with one entry or throw <see cref="Failure"/>.
/// </summary>
public sealed class GatedJournal : IJournal
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;

    public Exception? Failure { get; init; }

    public int Running => Volatile.Read(ref _running);

    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    public async Task<JournalEntries> QueryAsync(JournalQuery query, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _running);
        try
        {
            await _gate.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Cancelled.TrySetResult();
            throw;
        }

        if (Failure is not null)
        {
            throw Failure;
        }

        var spool = new JournalSpool(new MemoryStream());
        await spool.AddAsync($"{{\"MESSAGE\":\"{query.Boot}\"}}", cancellationToken);

        return await spool.CompleteAsync(cancellationToken);
    }
}
