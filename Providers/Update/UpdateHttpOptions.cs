using System.Security.Cryptography.X509Certificates;

namespace IncusOs.Providers.Update;

/// <summary>How the network sources talk HTTP: retries, timeouts, the release cache, and trust.</summary>
public sealed record UpdateHttpOptions
{
    /// <summary>Attempts at fetching the index when the transport fails (not on an HTTP error status).</summary>
    public int Attempts { get; init; } = 5;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Bound on one index or metadata request, and on receiving the headers of a download.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A download that receives nothing for this long fails (a stalled server).</summary>
    public TimeSpan ReadIdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a discovered release is reused before the server is asked again.</summary>
    public TimeSpan ReleaseCacheLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Extra roots trusted for the images server's TLS certificate (tests); null: the system store.</summary>
    public X509Certificate2Collection? TrustedRoots { get; init; }
}
