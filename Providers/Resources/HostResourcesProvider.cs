using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Providers.Resources;

/// <summary>
/// The live machine's resources, collected off the calling thread (a cold run reads thousands of files).
/// </summary>
public sealed class HostResourcesProvider : IResourcesProvider
{
    private readonly ResourcesCollector _collector;

    public HostResourcesProvider(IHostProbes probes, IEthtool ethtool, ResourcesPaths paths)
    {
        _collector = new ResourcesCollector(SysTree.Live, probes, ethtool, paths);
    }

    public Task<ResourcesDocument> CollectAsync(CancellationToken cancellationToken) =>
        Task.Run(() => _collector.CollectAsync(cancellationToken), cancellationToken);
}
