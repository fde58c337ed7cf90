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
                    Close();
                    _journal.DeleteOldBoots(bootId);
                    var stream = OpenForAppend(_journal.PathOfBoot(bootId));
                    _writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), BufferSize);
                    _bootId = bootId;
                }

                _writer.Write(line);
                _writer.Write('\n');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Interlocked.Increment(ref _journal._dropped);
                Close();
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
                Close();
            }
        }

        public void Dispose() => Close();

        // A line cut short by a crash is ended first, so that it stays one unreadable line, not two.
        private static FileStream OpenForAppend(string path)
        {
            var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = FileShare.ReadWrite,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            if (stream.Length > 0)
            {
                stream.Seek(-1, SeekOrigin.End);
                var last = stream.ReadByte();
                stream.Seek(0, SeekOrigin.End);
                if (last != '\n')
                {
                    stream.WriteByte((byte)'\n');
                }
            }

            return stream;
        }

        // The next write reopens the file; a buffer the disk refused is lost with it.
        private void Close()
        {
            try
            {
                _writer?.Dispose();
            }
            catch (IOException)
            {
                // Nothing is left to tell: the writer is the journal.
            }

            _writer = null;
            _bootId = null;
        }
    }
}
