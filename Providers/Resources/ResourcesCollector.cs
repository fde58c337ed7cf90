using IncusOs.Providers.Resources.Native;
using IncusOs.Providers.Resources.Sections;
using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Providers.Resources;

/// <summary>
/// Builds the whole resources document from one tree, section by section in wire order. The first section
/// that fails fails the whole collection with <c>Failed to retrieve &lt;X&gt; information: …</c>
/// (resources.md §1.2); no partial document is returned.
/// </summary>
public sealed class ResourcesCollector
{
    private readonly SysTree _tree;
    private readonly IHostProbes _probes;
    private readonly IEthtool _ethtool;
    private readonly ResourcesPaths _paths;

    public ResourcesCollector(SysTree tree, IHostProbes probes, IEthtool ethtool, ResourcesPaths paths)
    {
        _tree = tree;
        _probes = probes;
        _ethtool = ethtool;
        _paths = paths;
    }

    public CollectContext CreateContext(CancellationToken cancellationToken) =>
        new(_tree, _probes, _ethtool, _paths, cancellationToken);

    public async Task<ResourcesDocument> CollectAsync(CancellationToken cancellationToken)
    {
        var context = CreateContext(cancellationToken);

        return new ResourcesDocument
        {
            Cpu = Section("CPU", context, CpuCollector.Collect),
            Memory = Section("memory", context, MemoryCollector.Collect),
            Gpu = await SectionAsync("GPU", context, GpuCollector.CollectAsync).ConfigureAwait(false),
            Network = Section("network", context, NetworkCollector.Collect),
            Storage = Section("storage", context, StorageCollector.Collect),
            Usb = Section("USB", context, UsbCollector.Collect),
            Pci = Section("PCI", context, PciCollector.Collect),
            System = await SectionAsync("system", context, SystemCollector.CollectAsync).ConfigureAwait(false),
            Load = Section("load", context, LoadCollector.Collect),
        };
    }

    /// <summary>Runs one section with the reference's error prefix.</summary>
    public static T Section<T>(string name, CollectContext context, Func<CollectContext, T> collect)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        try
        {
            return collect(context);
        }
        catch (Exception ex) when (ex is ProviderException or ErrnoException)
        {
            throw Wrap(name, ex);
        }
    }

    public static async Task<T> SectionAsync<T>(
        string name, CollectContext context, Func<CollectContext, Task<T>> collect)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await collect(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ProviderException or ErrnoException)
        {
            throw Wrap(name, ex);
        }
    }

    private static ProviderException Wrap(string name, Exception ex) =>
        new($"Failed to retrieve {name} information: {ex.Message}", ex);
}
