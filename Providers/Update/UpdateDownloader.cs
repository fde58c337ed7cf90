using System.IO.Compression;
using IncusOs.Providers.Files;

namespace IncusOs.Providers.Update;

/// <summary>
/// Streams an asset from its source to disk: decompressed on the fly when published as <c>.gz</c>, its
/// published bytes hashed and counted on the way, written to a hidden <c>.partial</c> file that is renamed
/// into place only once the SHA-256 and size match. Any failure removes the partial file.
/// </summary>
public sealed class UpdateDownloader
{
    /// <summary>Suffix of files still being written; <see cref="RemovePartials"/> sweeps them at start-up.</summary>
    public const string PartialSuffix = ".partial";

    private const int BufferSize = 1 << 20;

    private readonly TimeSpan _readIdleTimeout;

    public UpdateDownloader(TimeSpan readIdleTimeout)
    {
        _readIdleTimeout = readIdleTimeout;
    }

    /// <summary>Downloads and verifies <paramref name="asset"/> into <paramref name="directory"/>.</summary>
    public async Task<string> DownloadAsync(
        IUpdateSource source, UpdateAsset asset, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, asset.StoredName);
        var partial = Path.Combine(directory, "." + asset.StoredName + PartialSuffix);
        try
        {
            var published = await source.OpenAsync(asset, cancellationToken).ConfigureAwait(false);
            await using (var verifying = new VerifyingReadStream(published, asset.Name, asset.Size, _readIdleTimeout))
            {
                await WriteAsync(verifying, asset, partial, cancellationToken).ConfigureAwait(false);
                Verify(asset, verifying.BytesRead, verifying.FinishHash());
            }

            File.Move(partial, target, overwrite: true);
            AtomicFile.FsyncDirectory(directory);

            return target;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Removes every partial file an interrupted run left in <paramref name="directory"/>.</summary>
    public static int RemovePartials(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "*" + PartialSuffix))
        {
            File.Delete(file);
            removed++;
        }

        return removed;
    }

    private static async Task WriteAsync(
        VerifyingReadStream verifying, UpdateAsset asset, string partial, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            BufferSize = 0,
            Options = FileOptions.Asynchronous,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        await using var file = new FileStream(partial, options);
        try
        {
            if (asset.Compressed)
            {
                await using var gunzip = new GZipStream(verifying, CompressionMode.Decompress, leaveOpen: true);
                await gunzip.CopyToAsync(file, BufferSize, cancellationToken).ConfigureAwait(false);

                // Whatever follows the gzip members is still part of the published bytes and of their hash.
                await verifying.CopyToAsync(Stream.Null, BufferSize, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await verifying.CopyToAsync(file, BufferSize, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new ProviderException($"error downloading {asset.Name}: invalid gzip data: {ex.Message}", ex);
        }

        file.Flush(flushToDisk: true);
    }

    private static void Verify(UpdateAsset asset, long length, string sha256)
    {
        if (asset.Size is { } size && size != length)
        {
            throw new ProviderException(
                $"size mismatch for file {asset.Name}: received {length} bytes, expected {size}");
        }

        if (asset.Sha256 is { Length: > 0 } expected
            && !string.Equals(expected, sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ProviderException($"sha256 mismatch for file {asset.Name}");
        }
    }
}
