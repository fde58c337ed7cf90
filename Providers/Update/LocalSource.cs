namespace IncusOs.Providers.Update;

/// <summary>
/// The <c>local</c> source (spec update.md §5.3): a directory holding <c>RELEASE</c> (the version) and
/// the assets, copied as they are. An optional <c>SHA256SUMS</c> (<c>sha256sum</c> output) adds checksums
/// that are verified like the network sources'. No cache, no signature.
/// </summary>
public sealed class LocalSource : IUpdateSource
{
    public const string ReleaseFile = "RELEASE";
    public const string ChecksumFile = "SHA256SUMS";

    private readonly string _osName;

    public LocalSource(string directory, string osName)
    {
        Directory = directory;
        _osName = osName;
    }

    public string Directory { get; }

    public string Name => "local";

    public async Task<UpdateRelease?> GetReleaseAsync(CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return null;
        }

        var releasePath = Path.Combine(Directory, ReleaseFile);
        if (!File.Exists(releasePath))
        {
            throw new ProviderException($"open {releasePath}: no such file or directory");
        }

        var version = (await File.ReadAllTextAsync(releasePath, cancellationToken).ConfigureAwait(false)).Trim();
        var sums = await ReadChecksumsAsync(cancellationToken).ConfigureAwait(false);
        var assets = System.IO.Directory.EnumerateFiles(Directory)
            .Select(path => Path.GetFileName(path))
            .Where(name => name is not ReleaseFile and not ChecksumFile && !name.StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(name => new UpdateAsset(
                name, Path.Combine(Directory, name), sums.GetValueOrDefault(name), null, Compressed: false))
            .ToList();

        return new UpdateRelease(version, assets);
    }

    public async Task<SecureBootKeyUpdate?> GetSecureBootKeyUpdateAsync(CancellationToken cancellationToken)
    {
        var release = await GetReleaseAsync(cancellationToken).ConfigureAwait(false);

        return release?.SecureBootAsset(_osName) is { } archive
            ? new SecureBootKeyUpdate(release.Version, archive)
            : null;
    }

    public void ClearCache()
    {
    }

    public Task<Stream> OpenAsync(UpdateAsset asset, CancellationToken cancellationToken)
    {
        try
        {
            Stream stream = new FileStream(
                asset.Location, FileMode.Open, FileAccess.Read, FileShare.Read, 4 << 20, FileOptions.SequentialScan);

            return Task.FromResult(stream);
        }
        catch (IOException ex)
        {
            throw new ProviderException($"open {asset.Location}: {ex.Message}", ex);
        }
    }

    private async Task<Dictionary<string, string>> ReadChecksumsAsync(CancellationToken cancellationToken)
    {
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = Path.Combine(Directory, ChecksumFile);
        if (!File.Exists(path))
        {
            return sums;
        }

        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0].Length == 64)
            {
                sums[parts[1].TrimStart('*')] = parts[0].ToLowerInvariant();
            }
        }

        return sums;
    }
}
