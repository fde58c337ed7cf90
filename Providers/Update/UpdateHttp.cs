using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace IncusOs.Providers.Update;

/// <summary>HTTP plumbing shared by the network sources: client construction, retried GETs, asset streams.</summary>
internal static class UpdateHttp
{
    public static HttpClient CreateClient(UpdateHttpOptions options, Action<SslClientAuthenticationOptions>? tls)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.RequestTimeout,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (options.TrustedRoots is { Count: > 0 } roots)
        {
            handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            handler.SslOptions.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
        }

        tls?.Invoke(handler.SslOptions);

        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>GET a small document; transport failures are retried, an HTTP status other than 200 is not.</summary>
    public static async Task<byte[]> GetBytesAsync(
        HttpClient client,
        string url,
        UpdateHttpOptions options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(options.RequestTimeout);
            try
            {
                using var response = await client.GetAsync(url, bounded.Token).ConfigureAwait(false);
                if (response.StatusCode != System.Net.HttpStatusCode.OK)
                {
                    throw new ProviderException("server failed to return expected file");
                }

                return await response.Content.ReadAsByteArrayAsync(bounded.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransport(ex, cancellationToken) && attempt < options.Attempts)
            {
                await Task.Delay(options.RetryDelay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransport(ex, cancellationToken))
            {
                throw new ProviderException($"Get \"{url}\": {Describe(ex, options)}", ex);
            }
        }
    }

    /// <summary>Opens a download; its body is read by the caller. A non-200 answer is refused.</summary>
    public static async Task<Stream> OpenAsync(
        HttpClient client, UpdateAsset asset, UpdateHttpOptions options, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(asset.Location, HttpCompletionOption.ResponseHeadersRead, bounded.Token)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransport(ex, cancellationToken))
        {
            throw new ProviderException($"error downloading {asset.Name}: {Describe(ex, options)}", ex);
        }

        if (response.StatusCode != System.Net.HttpStatusCode.OK)
        {
            var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            response.Dispose();
            throw new ProviderException($"error downloading {asset.Name}: server answered {status}");
        }

        return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
    }

    private static bool IsTransport(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or IOException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static string Describe(Exception ex, UpdateHttpOptions options) =>
        ex is OperationCanceledException
            ? $"no answer within {options.RequestTimeout.TotalSeconds:0.###}s"
            : ex.Message;
}
