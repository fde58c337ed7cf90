using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Providers.Resources;

/// <summary>
/// The host resources document (<c>GET /1.0/system/resources</c>). Each call collects afresh; caching is
/// the caller's business. A failure is a <see cref="ProviderException"/> whose message starts with
/// <c>Failed to retrieve &lt;section&gt; information:</c>.
/// </summary>
public interface IResourcesProvider
{
    Task<ResourcesDocument> CollectAsync(CancellationToken cancellationToken);
}
