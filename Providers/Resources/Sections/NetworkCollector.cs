using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Providers.Resources.Sections;

/// <summary>
/// The <c>network</c> section (resources.md §8): interfaces with a parent device (which leaves out lo,
/// bridges, bonds, VLANs, ifb, veth, tun), one card per PCI function, plus network controllers without a
/// netdev; ports through ethtool; SR-IOV VFs under their parent card.
/// </summary>
public static class NetworkCollector
{
    private const string ClassNet = "/sys/class/net";

    public static ResourcesNetwork Collect(CollectContext context)
    {
        // uname is read up front, as the reference does: its failure fails the section even without drivers.
        _ = context.Uname;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cards = new List<ResourcesNetworkCard>();
        var vfs = new Dictionary<string, List<ResourcesNetworkCard>>(StringComparer.Ordinal);

        if (context.Exists(ClassNet))
        {
            foreach (var name in context.Tree.List(ClassNet))
            {
                var device = $"{ClassNet}/{name}/device";
                if (!context.Exists(device))
                {
                    continue;
                }

                var address = context.PciAddress(device);
                if (address.Length > 0 && !seen.Add(address))
                {
                    continue;
                }

                Add(context, device, CollectCard(context, device, address), cards, vfs);
            }
        }

        if (context.Exists(PciCollector.PciDevices))
        {
            foreach (var address in context.Tree.List(PciCollector.PciDevices))
            {
                var dir = $"{PciCollector.PciDevices}/{address}";
                if (seen.Contains(address) || !context.Exists($"{dir}/class")
                    || !context.Tree.ReadText($"{dir}/class").StartsWith("0x02", StringComparison.Ordinal))
                {
                    continue;
                }

                Add(context, dir, CollectCard(context, dir, address), cards, vfs);
            }
        }

        var network = new ResourcesNetwork { Cards = cards, Total = (ulong)cards.Count };
        foreach (var card in cards)
        {
            if (card.Sriov is not null && vfs.TryGetValue(card.PciAddress, out var children))
            {
                card.Sriov.Vfs = children;
                network.Total += (ulong)children.Count;
            }
        }

        return network;
    }

    private static void Add(
        CollectContext context,
        string device,
        ResourcesNetworkCard card,
        List<ResourcesNetworkCard> cards,
        Dictionary<string, List<ResourcesNetworkCard>> vfs)
    {
        var physfn = $"{device}/physfn";
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

    private static ResourcesNetworkCard CollectCard(CollectContext context, string device, string address)
    {
        var dev = context.DeviceWalk(device);
        var card = new ResourcesNetworkCard
        {
            PciAddress = address,
            Vdpa = Vdpa(context, dev),
        };

        if (context.Exists($"{dev}/sriov_numvfs"))
        {
            card.Sriov = new ResourcesNetworkCardSriov
            {
                CurrentVfs = context.ReadU64($"{dev}/sriov_numvfs"),
                MaximumVfs = context.ReadU64($"{dev}/sriov_totalvfs"),
            };
        }

        card.NumaNode = context.NumaNode(dev);
        card.UsbAddress = context.UsbAddress(dev);
        if (context.Exists($"{dev}/vendor"))
        {
            card.VendorId = context.ReadId($"{dev}/vendor");
        }

        if (context.Exists($"{dev}/device"))
        {
            card.ProductId = context.ReadId($"{dev}/device");
        }

        (card.Vendor, card.Product) = context.PciIds.Lookup(card.VendorId, card.ProductId);
        (card.Driver, card.DriverVersion) = context.Driver(dev);

        if (context.Exists($"{device}/net"))
        {
            card.Ports = [];
            var isVf = context.Exists($"{device}/physfn");
            foreach (var name in context.Tree.List($"{device}/net"))
            {
                var port = NetworkPorts.Read(context, device, name);
                if (isVf || NetworkPorts.QueryEthtool(context.Ethtool, port))
                {
                    card.Ports.Add(port);
                }
            }

            if (card.Ports.Count > 0)
            {
                card.FirmwareVersion = NetworkPorts.FirmwareVersion(context.Ethtool, card.Ports[0].Id);
            }
        }

        return card;
    }

    private static ResourcesNetworkCardVdpa? Vdpa(CollectContext context, string dev)
    {
        var match = context.Tree.List(dev).FirstOrDefault(e => e.StartsWith("vdpa", StringComparison.Ordinal));
        if (match is null)
        {
            return null;
        }

        var vhost = context.Tree.List($"{dev}/{match}")
            .FirstOrDefault(e => e.StartsWith("vhost-vdpa-", StringComparison.Ordinal))
            ?? throw new ProviderException($"Failed to find a vhost-vdpa device in \"{dev}/{match}\"");

        return new ResourcesNetworkCardVdpa { Name = match, Device = vhost };
    }
}
