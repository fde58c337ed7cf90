using System.Buffers;

namespace IncusOs.Providers.Journal;

/// <summary>
/// The result of a journal query: <see cref="Count"/> JSON objects, oldest first, waiting on a spool
/// stream. <see cref="WriteArrayAsync"/> copies them out as one JSON array in fixed-size chunks.
/// Dispose it (which frees the spool) whether or not it was written.
/// </summary>
public sealed class JournalEntries : IDisposable
{
    /// <summary>The largest chunk handed to the destination at once.</summary>
    public const int ChunkSize = 64 * 1024;

    private static readonly ReadOnlyMemory<byte> Open = "["u8.ToArray();
    private static readonly ReadOnlyMemory<byte> Close = "]"u8.ToArray();

    private readonly Stream _spool;
    private int _written;

    public JournalEntries(Stream spool, long count)
    {
        _spool = spool;
        Count = count;
    }

    public long Count { get; }

    /// <summary>Writes <c>[entry,entry,...]</c> (UTF-8) to <paramref name="destination"/>; once only.</summary>
    public async Task WriteArrayAsync(Stream destination, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _written, 1) != 0)
        {
            throw new InvalidOperationException("journal entries can be written once");
        }

        await destination.WriteAsync(Open, cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await _spool.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken)
                       .ConfigureAwait(false)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await destination.WriteAsync(Close, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _spool.Dispose();
}
