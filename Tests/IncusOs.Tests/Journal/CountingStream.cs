namespace IncusOs.Tests.Journal;

/// <summary>A stream over memory that counts what was written and remembers the largest single write.</summary>
public sealed class CountingStream : Stream
{
    private readonly MemoryStream _inner = new();

    public long BytesWritten { get; private set; }

    public int LargestWrite { get; private set; }

    public int Writes { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => _inner.Position = value;
    }

    public byte[] ToArray() => _inner.ToArray();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Count(count);
        _inner.Write(buffer, offset, count);
    }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

    public override void SetLength(long value) => _inner.SetLength(value);

    public override void Flush()
    {
    }

    private void Count(int length)
    {
        BytesWritten += length;
        LargestWrite = Math.Max(LargestWrite, length);
        Writes++;
    }
}
