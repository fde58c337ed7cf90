namespace IncusOs.Providers.Journal;

public sealed partial class SimulatedJournal
{
    /// <summary>
    /// The writer's open file: the current boot's, switched when an entry of another boot arrives. A
    /// failed write drops the entry (counted) rather than stopping the writer.
    /// </summary>
    private sealed class BootFile : IDisposable
    {
        private const int BufferSize = 64 * 1024;

        private readonly SimulatedJournal _journal;
        private StreamWriter? _writer;
        private string? _bootId;

        public BootFile(SimulatedJournal journal)
        {
            _journal = journal;
        }

        public void Write(string bootId, string line)
        {
            try
            {
                if (_writer is null || _bootId != bootId)
                {
                    _writer?.Dispose();
                    _writer = null;
                    var stream = new FileStream(_journal.PathOfBoot(bootId), new FileStreamOptions
                    {
                        Mode = FileMode.Append,
                        Access = FileAccess.Write,
                        Share = FileShare.ReadWrite,
                        UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                    });
                    _writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), BufferSize);
                    _bootId = bootId;
                }

                _writer.Write(line);
                _writer.Write('\n');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Interlocked.Increment(ref _journal._dropped);
                _writer = null;
            }
        }

        public void Flush()
        {
            try
            {
                _writer?.Flush();
            }
            catch (IOException)
            {
                _writer = null;
            }
        }

        public void Dispose()
        {
            try
            {
                _writer?.Dispose();
            }
            catch (IOException)
            {
                // The disk refused the last buffer; nothing is left to tell.
            }
        }
    }
}
