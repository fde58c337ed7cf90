using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Providers.Resources.Sections;

/// <summary>
/// The <c>gpu</c> section (resources.md §7): DRM cards first, then PCI display controllers (class 0x03) not
/// yet seen; SR-IOV VFs under their parent; NVIDIA details by PCI address.
/// </summary>
public static class GpuCollector
{
    private const string ClassDrm = "/sys/class/drm";

    public static async Task<ResourcesGpu> CollectAsync(CollectContext context)
    {
        // uname is read up front, as the reference does: its failure fails the section even without drivers.
        _ = context.Uname;
        var nvidia = await NvidiaInfo.LoadAsync(context).ConfigureAwait(false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cards = new List<ResourcesGpuCard>();
        var vfs = new Dictionary<string, List<ResourcesGpuCard>>(StringComparer.Ordinal);

        if (context.Exists(ClassDrm))
        {
            foreach (var entry in context.Tree.List(ClassDrm))
            {
                if (!entry.StartsWith("card", StringComparison.Ordinal) || !context.Exists($"{ClassDrm}/{entry}/dev"))
                {
                    continue;
                }

                var device = $"{ClassDrm}/{entry}/device";
                var address = context.PciAddress(device);
                if (address.Length > 0 && !seen.Add(address))
                {
                    continue;
                }

                Add(context, device, CollectCard(context, device, address, nvidia), cards, vfs);
            }
        }

        if (context.Exists(PciCollector.PciDevices))
        {
            foreach (var address in context.Tree.List(PciCollector.PciDevices))
            {
                var dir = $"{PciCollector.PciDevices}/{address}";
                if (seen.Contains(address) || !context.Exists($"{dir}/class")
                    || !context.Tree.ReadText($"{dir}/class").StartsWith("0x03", StringComparison.Ordinal))
                {
                    continue;
                }

                Add(context, dir, CollectCard(context, dir, address, nvidia), cards, vfs);
            }
        }

        var gpu = new ResourcesGpu { Cards = cards, Total = (ulong)cards.Count };
        foreach (var card in cards)
        {
            if (card.Sriov is not null && vfs.TryGetValue(card.PciAddress, out var children))
            {
                card.Sriov.Vfs = children;
                gpu.Total += (ulong)children.Count;
            }
        }

        return gpu;
    }

    private static void Add(
        CollectContext context,
        string device,
        ResourcesGpuCard card,
        List<ResourcesGpuCard> cards,
        Dictionary<string, List<ResourcesGpuCard>> vfs)
    {
        var physfn = $"{context.DeviceWalk(device)}/physfn";
        if (!context.Exists(physfn))
        {
            cards.Add(card);
            return;
        }

        var parent = SysTree.Name(context.Tree.Resolve(physfn));
        if (!vfs.TryGetValue(parent, out var list))
        {
            vfs[parent] = list = [];
        }

        list.Add(card);
    }

    private static ResourcesGpuCard CollectCard(
        CollectContext context,
        string device,
        string address,
        IReadOnlyDictionary<string, ResourcesGpuCardNvidia> nvidia)
    {
        var dev = context.DeviceWalk(device);
        var card = new ResourcesGpuCard { PciAddress = address };
        if (context.Exists($"{dev}/sriov_numvfs"))
        {
            card.Sriov = new ResourcesGpuCardSriov
            {
                MaximumVfs = context.ReadU64($"{dev}/sriov_totalvfs"),
                CurrentVfs = context.ReadU64($"{dev}/sriov_numvfs"),
            };
        }

        card.NumaNode = context.NumaNode(dev);
        if (context.Exists($"{dev}/device/busnum"))
        {
            card.UsbAddress = context.UsbAddress($"{dev}/device");
        }
        else
        {
            card.VendorId = context.Exists($"{dev}/vendor") ? context.ReadId($"{dev}/vendor") : string.Empty;
            card.ProductId = context.Exists($"{dev}/device") ? context.ReadId($"{dev}/device") : string.Empty;
            (card.Vendor, card.Product) = context.PciIds.Lookup(card.VendorId, card.ProductId);
        }

        (card.Driver, card.DriverVersion) = context.Driver(dev);
        card.Drm = Drm(context, dev);
        card.Mdev = Mdev(context, dev);
        if (card.Driver == "nvidia" && card.PciAddress.Length > 0
            && (nvidia.TryGetValue(card.PciAddress, out var details)
                || nvidia.TryGetValue("0000" + card.PciAddress, out details)))
        {
            card.Nvidia = details;
        }

        return card;
    }

    private static ResourcesGpuCardDrm? Drm(CollectContext context, string dev)
    {
        var root = $"{dev}/drm";
        if (!context.Exists(root))
        {
            return null;
        }

        var drm = new ResourcesGpuCardDrm();
        foreach (var entry in context.Tree.List(root))
        {
            var devFile = $"{root}/{entry}/dev";
            if (entry.StartsWith("card", StringComparison.Ordinal))
            {
                drm.Id = CollectContext.ParseU64(entry[4..], $"{root}/{entry}");
                drm.CardName = entry;
                drm.CardDevice = context.Read(devFile);
            }
            else if (entry.StartsWith("controlD", StringComparison.Ordinal))
            {
                (drm.ControlName, drm.ControlDevice) = (entry, context.Read(devFile));
            }
            else if (entry.StartsWith("renderD", StringComparison.Ordinal))
            {
                (drm.RenderName, drm.RenderDevice) = (entry, context.Read(devFile));
            }
        }

        return drm;
    }

    private static SortedDictionary<string, ResourcesGpuCardMdev>? Mdev(CollectContext context, string dev)
    {
        var root = $"{dev}/mdev_supported_types";
        if (!context.Exists(root))
        {
            return null;
        }

        var types = new SortedDictionary<string, ResourcesGpuCardMdev>(StringComparer.Ordinal);
        foreach (var entry in context.Tree.List(root))
        {
            var dir = $"{root}/{entry}";
            var mdev = new ResourcesGpuCardMdev
            {
                Api = context.Read($"{dir}/device_api"),
                Available = context.ReadU64($"{dir}/available_instances"),
                Name = context.Exists($"{dir}/name") ? context.Read($"{dir}/name") : string.Empty,
                Description = context.Exists($"{dir}/description") ? context.Read($"{dir}/description") : string.Empty,
            };
            if (context.Exists($"{dir}/devices"))
            {
                mdev.Devices = [.. context.Tree.List($"{dir}/devices")];
            }

            types[entry] = mdev;
        }

        return types;
    }
}
