using System.Text;

namespace IncusOs.Providers.Journal;

/// <summary>
/// Collects normalised journal entries on a stream (by default an unlinked temporary file, so that
/// nothing is left behind by a crash and memory stays flat whatever the number of entries), then
/// hands them over as <see cref="JournalEntries"/>.
/// </summary>
public sealed class JournalSpool : IDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly StreamWriter _writer;
    private bool _completed;

    public JournalSpool(Stream stream)
    {
        _stream = stream;
        _writer = new StreamWriter(stream, new UTF8Encoding(false), BufferSize, leaveOpen: true);
    }

    /// <summary>Entries added so far.</summary>
    public long Count { get; private set; }

    /// <summary>
    /// A spool on a file in <paramref name="directory"/> that is unlinked at once: only the open handle
    /// keeps it, and closing the handle frees the space.
    /// </summary>
    public static JournalSpool CreateTemporary(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $".journal-{Environment.ProcessId}-{Guid.NewGuid():N}.spool");
        var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            BufferSize = 0,
            Options = FileOptions.Asynchronous,
        });
        File.Delete(path);

        return new JournalSpool(stream);
    }

    /// <summary>Appends one entry, already a JSON object in its final form.</summary>
    public async ValueTask AddAsync(string json, CancellationToken cancellationToken)
    {
        if (Count > 0)
        {
            await _writer.WriteAsync(',').ConfigureAwait(false);
        }

        await _writer.WriteAsync(json.AsMemory(), cancellationToken).ConfigureAwait(false);
        Count++;
    }

    /// <summary>Ends the collection; the spool's stream now belongs to the returned entries.</summary>
    public async Task<JournalEntries> CompleteAsync(CancellationToken cancellationToken)
    {
        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        _stream.Seek(0, SeekOrigin.Begin);
        _completed = true;

        return new JournalEntries(_stream, Count);
    }

    public void Dispose()
    {
        if (!_completed)
        {
            _writer.Dispose();
            _stream.Dispose();
        }
    }
}
