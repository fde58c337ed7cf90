using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Newtonsoft.Json.Linq;

namespace IncusOs.Providers.Update;

/// <summary>
/// The <c>operations-center</c> source (spec update.md §5.4): releases from the Operations Center REST API
/// over TLS 1.3, the server certificate pinned when one is configured, the Incus server certificate
/// presented as the client certificate when it exists. Registration (<c>POST /1.0/provisioning/servers</c>)
/// is not implemented in this build.
/// </summary>
public sealed class OperationsCenterSource : IUpdateSource
{
    private readonly HttpClient _http;
    private readonly UpdateHttpOptions _options;
    private readonly TimeProvider _time;
    private readonly ReleaseCache _cache;

    public OperationsCenterSource(
        OperationsCenterConfig config, UpdateHttpOptions options, TimeProvider time, string clientCertificateDirectory)
    {
        Config = config;
        _options = options;
        _time = time;
        _cache = new ReleaseCache(time, options.ReleaseCacheLifetime);
        _http = UpdateHttp.CreateClient(options, tls => ConfigureTls(tls, config, clientCertificateDirectory));
    }

    public OperationsCenterConfig Config { get; }

    public string Name => "operations-center";

    public async Task<UpdateRelease?> GetReleaseAsync(CancellationToken cancellationToken)
    {
        if (_cache.TryGet(out var cached))
        {
            return cached;
        }

        var updates = await GetMetadataAsync("/1.0/provisioning/updates?recursion=1", cancellationToken)
            .ConfigureAwait(false);
        var entry = (updates as JArray)?.OfType<JObject>().FirstOrDefault(IsOnChannel);
        if (entry is null)
        {
            _cache.Set(null);
            return null;
        }

        var uuid = (string?)entry["uuid"] ?? string.Empty;
        var version = (string?)entry["version"] ?? string.Empty;
        var files = await GetMetadataAsync($"/1.0/provisioning/updates/{uuid}/files", cancellationToken)
            .ConfigureAwait(false);
        if (files is not JArray { Count: > 0 } list)
        {
            throw new ProviderException("no files in update");
        }

        var assets = list.OfType<JObject>()
            .Where(f => (string?)f["architecture"] == Config.Architecture)
            .Select(f => ToAsset(f, uuid))
            .ToList();
        var release = new UpdateRelease(version, assets);
        _cache.Set(release);

        return release;
    }

    /// <summary>The Operations Center never offers Secure Boot key updates.</summary>
    public Task<SecureBootKeyUpdate?> GetSecureBootKeyUpdateAsync(CancellationToken cancellationToken) =>
        Task.FromResult<SecureBootKeyUpdate?>(null);

    public void ClearCache() => _cache.Clear();

    public Task<Stream> OpenAsync(UpdateAsset asset, CancellationToken cancellationToken) =>
        UpdateHttp.OpenAsync(_http, asset, _options, cancellationToken);

    private static void ConfigureTls(
        SslClientAuthenticationOptions tls, OperationsCenterConfig config, string clientCertificateDirectory)
    {
        tls.EnabledSslProtocols = SslProtocols.Tls13;
        if (config.PinnedCertificate is { } pinned)
        {
            // A configured certificate is the only one trusted, whatever the system store says.
            tls.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(pinned.RawData);
        }

        var crt = Path.Combine(clientCertificateDirectory, "server.crt");
        var key = Path.Combine(clientCertificateDirectory, "server.key");
        if (File.Exists(crt) && File.Exists(key))
        {
            tls.ClientCertificates = [X509Certificate2.CreateFromPemFile(crt, key)];
        }
    }

    private UpdateAsset ToAsset(JObject file, string uuid)
    {
        var filename = (string?)file["filename"] ?? string.Empty;

        return UpdateAsset.Published(
            Path.GetFileName(filename),
            $"{Config.ServerUrl}/1.0/provisioning/updates/{uuid}/files/{filename}",
            (string?)file["sha256"],
            (long?)file["size"]);
    }

    private bool IsOnChannel(JObject entry)
    {
        var channels = entry["channels"] as JArray;

        return string.IsNullOrEmpty(Config.Channel) || channels is null || channels.Count == 0
               || channels.Any(c => (string?)c == Config.Channel);
    }

    private async Task<JToken?> GetMetadataAsync(string path, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            body = await UpdateHttp.GetBytesAsync(_http, Config.ServerUrl + path, _options, _time, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ProviderException ex) when (ex.InnerException is null)
        {
            throw new ProviderException("bad response from operations center", ex);
        }

        JObject envelope;
        try
        {
            envelope = JObject.Parse(System.Text.Encoding.UTF8.GetString(body));
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            throw new ProviderException("bad response from operations center", ex);
        }

        if ((string?)envelope["type"] != "sync" || (int?)envelope["status_code"] != 200)
        {
            throw new ProviderException("bad response from operations center");
        }

        return envelope["metadata"];
    }
}
