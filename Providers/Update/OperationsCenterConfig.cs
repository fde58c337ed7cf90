using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IncusOs.Providers.Update;

/// <summary>The <c>operations-center</c> provider's configuration keys, checked as the reference loads them.</summary>
public sealed record OperationsCenterConfig(
    string ServerUrl, string ServerToken, X509Certificate2? PinnedCertificate, string? Channel, string Architecture)
{
    public static OperationsCenterConfig From(IReadOnlyDictionary<string, string> config)
    {
        var url = config.GetValueOrDefault("server_url");
        if (string.IsNullOrEmpty(url))
        {
            throw new ProviderException("no operations center URL provided");
        }

        var token = config.GetValueOrDefault("server_token");
        if (string.IsNullOrEmpty(token))
        {
            throw new ProviderException("no operations center token provided");
        }

        X509Certificate2? pinned = null;
        if (config.GetValueOrDefault("server_certificate") is { Length: > 0 } pem)
        {
            try
            {
                pinned = X509Certificate2.CreateFromPem(pem);
            }
            catch (CryptographicException ex)
            {
                throw new ProviderException("invalid remote certificate", ex);
            }
        }

        return new OperationsCenterConfig(
            url.TrimEnd('/'), token, pinned, config.GetValueOrDefault("channel"), LocalArchitecture.Name);
    }
}
