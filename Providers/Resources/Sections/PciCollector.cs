using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Providers.Resources.Sections;

/// <summary>
/// The <c>pci</c> section (resources.md §11): every function, with names, driver, IOMMU group and VPD.
/// </summary>
public static class PciCollector
{
    public const string PciDevices = "/sys/bus/pci/devices";

    public static ResourcesPci Collect(CollectContext context)
    {
        var pci = new ResourcesPci();
        if (!context.Exists(PciDevices))
        {
            return pci;
        }

        // uname is read up front, as the reference does: its failure fails the section even without drivers.
        _ = context.Uname;
        foreach (var address in context.Tree.List(PciDevices))
        {
            var dir = $"{PciDevices}/{address}";
            var (driver, version) = context.Driver(dir);
            var device = new ResourcesPciDevice
            {
                Driver = driver,
                DriverVersion = version,
                NumaNode = context.NumaNode(dir),
                PciAddress = address,
                VendorId = context.Exists($"{dir}/vendor") ? context.ReadId($"{dir}/vendor") : string.Empty,
                ProductId = context.Exists($"{dir}/device") ? context.ReadId($"{dir}/device") : string.Empty,
                IommuGroup = IommuGroup(context, dir),
                Vpd = ReadVpd(context, dir),
            };
            (device.Vendor, device.Product) = context.PciIds.Lookup(device.VendorId, device.ProductId);
            pci.Devices.Add(device);
        }

        pci.Total = (ulong)pci.Devices.Count;

        return pci;
    }

    // QUIRK: "no IOMMU" and "group 0" look the same. The link's own target is read, never resolved.
    private static ulong IommuGroup(CollectContext context, string dir)
    {
        var link = $"{dir}/iommu_group";
        if (!context.Exists(link))
        {
            return 0;
        }

        var name = context.Tree.ReadLinkName(link)
            ?? throw new ProviderException($"Failed to read link \"{link}\": not a link");

        return CollectContext.ParseU64(name, link);
    }

    private static ResourcesPciVpd ReadVpd(CollectContext context, string dir)
    {
        var path = $"{dir}/vpd";
        if (!context.Exists(path))
        {
            return new ResourcesPciVpd();
        }

        try
        {
            return VpdParser.Parse(context.Tree.ReadBytes(path));
        }
        catch (ProviderException)
        {
            return new ResourcesPciVpd();
        }
    }
}
