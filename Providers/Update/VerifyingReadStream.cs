using System.Security.Cryptography;

namespace IncusOs.Providers.Update;

/// <summary>
/// A read-only pass-through that hashes (SHA-256) and counts every byte read, refuses to read past the
/// published size, and fails a read that waits longer than the idle timeout (a stalled server).
/// </summary>
internal sealed class VerifyingReadStream : Stream
{
    private readonly Stream _inner;
    private readonly string _name;
    private readonly long? _limit;
    private readonly TimeSpan _idleTimeout;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public VerifyingReadStream(Stream inner, string name, long? limit, TimeSpan idleTimeout)
    {
        _inner = inner;
        _name = name;
        _limit = limit;
        _idleTimeout = idleTimeout;
    }

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    /// <summary>Lower-case hex SHA-256 of everything read so far (call once, at the end).</summary>
    public string FinishHash() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(_idleTimeout);
        int read;
        try
        {
            read = await _inner.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException(
                $"error downloading {_name}: no data received for {_idleTimeout.TotalSeconds:0.###}s");
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new ProviderException($"error downloading {_name}: {ex.Message}", ex);
        }

        BytesRead += read;
        if (BytesRead > _limit)
        {
            throw new ProviderException($"size mismatch for file {_name}: more than the published {_limit} bytes");
        }

        _hash.AppendData(buffer.Span[..read]);

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
