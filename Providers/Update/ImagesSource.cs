using System.Text;
using Newtonsoft.Json;

namespace IncusOs.Providers.Update;

/// <summary>
/// The <c>images</c> source: a signed <c>index.sjson</c> over HTTPS, verified against the update CA,
/// the first release on the configured channel taken, discovery cached (spec update.md §5.2).
/// </summary>
public sealed class ImagesSource : IUpdateSource
{
    public const string DefaultServerUrl = "https://images.linuxcontainers.org/os";
    public const string SecureBootTransitionVersion = "202506261900";
    public const string SecureBootTransitionFile = "IncusOS_SB_transition.tar.gz";

    private readonly HttpClient _http;
    private readonly SmimeVerifier _verifier;
    private readonly UpdateHttpOptions _options;
    private readonly TimeProvider _time;
    private readonly ReleaseCache _cache;

    public ImagesSource(
        ImagesSourceConfig config,
        HttpClient http,
        SmimeVerifier verifier,
        UpdateHttpOptions options,
        TimeProvider time)
    {
        Config = config;
        _http = http;
        _verifier = verifier;
        _options = options;
        _time = time;
        _cache = new ReleaseCache(time, options.ReleaseCacheLifetime);
    }

    public ImagesSourceConfig Config { get; }

    public string Name => "images";

    public async Task<UpdateRelease?> GetReleaseAsync(CancellationToken cancellationToken)
    {
        if (_cache.TryGet(out var cached))
        {
            return cached;
        }

        var signed = await UpdateHttp.GetBytesAsync(
            _http, Config.ServerUrl + "/index.sjson", _options, _time, cancellationToken).ConfigureAwait(false);
        var content = await _verifier.VerifyAsync(signed, Config.UpdateCa, cancellationToken).ConfigureAwait(false);
        var release = Select(Parse(content));
        _cache.Set(release);

        return release;
    }

    public async Task<SecureBootKeyUpdate?> GetSecureBootKeyUpdateAsync(CancellationToken cancellationToken)
    {
        var url = Config.ServerUrl + "/" + SecureBootTransitionFile;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(_options.RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, url);
            using var response = await _http.SendAsync(request, bounded.Token).ConfigureAwait(false);
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The reference treats any failure of this probe as "no key update".
            return null;
        }

        var archive = new UpdateAsset(SecureBootTransitionFile, url, null, null, Compressed: false);

        return new SecureBootKeyUpdate(SecureBootTransitionVersion, archive);
    }

    public void ClearCache() => _cache.Clear();

    public Task<Stream> OpenAsync(UpdateAsset asset, CancellationToken cancellationToken) =>
        UpdateHttp.OpenAsync(_http, asset, _options, cancellationToken);

    private static UpdateIndex Parse(string content)
    {
        UpdateIndex? index;
        try
        {
            index = JsonConvert.DeserializeObject<UpdateIndex>(content);
        }
        catch (JsonException ex)
        {
            throw new ProviderException($"invalid update index: {ex.Message}", ex);
        }

        return index ?? throw new ProviderException("invalid update index: empty document");
    }

    private UpdateRelease? Select(UpdateIndex index)
    {
        var entry = index.Updates?.FirstOrDefault(u => u.IsOn(Config.Channel));
        if (entry is null)
        {
            return null;
        }

        if (entry.Files is not { Count: > 0 } files)
        {
            throw new ProviderException("no files in update");
        }

        var assets = new List<UpdateAsset>();
        foreach (var file in files)
        {
            file.Validate();
            if (file.Architecture != Config.Architecture)
            {
                continue;
            }

            // entry.url starts with '/', so the URL holds "//" exactly as the reference builds it.
            var url = new StringBuilder(Config.ServerUrl).Append('/').Append(entry.Url).Append('/')
                .Append(file.Filename).ToString();
            assets.Add(UpdateAsset.Published(Path.GetFileName(file.Filename), url, file.Sha256, file.Size));
        }

        return new UpdateRelease(entry.Version, assets);
    }
}
