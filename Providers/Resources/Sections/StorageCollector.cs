using System.Globalization;
using IncusOs.Providers.Resources.Native;
using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Providers.Resources.Sections;

/// <summary>
/// The <c>storage</c> section (resources.md §9): every block device with a parent device (which leaves out
/// partitions, loop, zram, dm, md, nbd), its partitions by name prefix, udev properties, links in
/// <c>/dev/disk</c>, and the physical block size.
/// </summary>
public static class StorageCollector
{
    private const string ClassBlock = "/sys/class/block";
    private const ulong EmptyCdromSize = 0x1FFFFF * 512UL;

    public static ResourcesStorage Collect(CollectContext context)
    {
        var storage = new ResourcesStorage();
        if (!context.Exists(ClassBlock))
        {
            return storage;
        }

        var entries = context.Tree.List(ClassBlock);
        var byPath = new Lazy<Dictionary<string, string>>(() => DiskLinks(context, "/dev/disk/by-path"));
        var byId = new Lazy<Dictionary<string, string>>(() => DiskLinks(context, "/dev/disk/by-id"));
        foreach (var name in entries)
        {
            var disk = CollectDisk(context, entries, name, byPath, byId);
            if (disk is not null)
            {
                storage.Disks.Add(disk);
                storage.Total += 1 + (ulong)disk.Partitions.Count;
            }
        }

        return storage;
    }

    private static ResourcesStorageDisk? CollectDisk(
        CollectContext context,
        IReadOnlyList<string> entries,
        string name,
        Lazy<Dictionary<string, string>> byPath,
        Lazy<Dictionary<string, string>> byId)
    {
        var block = $"{ClassBlock}/{name}";
        var device = $"{block}/device";
        if (!context.Exists(device))
        {
            return null;
        }

        var disk = new ResourcesStorageDisk { Id = name };
        var firmwareRev = $"{device}/firmware_rev";
        if (context.Exists(firmwareRev))
        {
            disk.FirmwareVersion = context.Read(firmwareRev);
        }

        // A missing dev hides NVMe multipath paths (nvme0c0n1); other read errors are fatal.
        if (!context.Tree.ExistsFollowing($"{block}/dev"))
        {
            return null;
        }

        disk.Device = context.Read($"{block}/dev");
        disk.PciAddress = context.PciAddress(device);
        disk.UsbAddress = context.UsbAddress(device);
        disk.NumaNode = context.NumaNode(device);
        if (context.Exists($"{device}/model"))
        {
            disk.Model = context.Read($"{device}/model");
        }

        if (context.Exists($"{device}/subsystem"))
        {
            disk.Type = SysTree.Name(context.Tree.Resolve($"{device}/subsystem"));
        }

        if (disk.Type == "rbd")
        {
            return null;
        }

        disk.ReadOnly = context.ReadU64($"{block}/ro") == 1;
        disk.Size = context.ReadU64($"{block}/size") * 512;
        disk.Removable = context.ReadU64($"{block}/removable") == 1;
        if (context.Exists($"{block}/wwid"))
        {
            disk.Wwn = context.Read($"{block}/wwid");
        }

        if (name.StartsWith("sr", StringComparison.Ordinal) && disk.Removable)
        {
            disk.Type = "cdrom";
            if (disk.Size == EmptyCdromSize)
            {
                disk.Size = 0;
            }
        }

        disk.Partitions = Partitions(context, entries, name);
        disk.DevicePath = byPath.Value.GetValueOrDefault($"/dev/{name}", string.Empty);
        disk.DeviceId = byId.Value.GetValueOrDefault($"/dev/{name}", string.Empty);
        disk.BlockSize = BlockSize(context, name);
        ApplyUdev(context, disk);
        if (disk.Rpm == 0)
        {
            var rotational = context.Tree.TryReadText($"{block}/queue/rotational");
            if (rotational is not null && ulong.TryParse(rotational, CultureInfo.InvariantCulture, out var rpm))
            {
                disk.Rpm = rpm;
            }
        }

        return disk;
    }

    // QUIRK (§9.2 rule 5): a plain name prefix, so sda also collects sdaa1.
    private static List<ResourcesStorageDiskPartition> Partitions(
        CollectContext context, IReadOnlyList<string> entries, string disk)
    {
        var partitions = new List<ResourcesStorageDiskPartition>();
        foreach (var entry in entries)
        {
            var dir = $"{ClassBlock}/{entry}";
            if (!entry.StartsWith(disk, StringComparison.Ordinal) || !context.Exists($"{dir}/partition"))
            {
                continue;
            }

            partitions.Add(new ResourcesStorageDiskPartition
            {
                Partition = context.ReadU64($"{dir}/partition"),
                Id = entry,
                Device = context.Read($"{dir}/dev"),
                ReadOnly = context.ReadU64($"{dir}/ro") == 1,
                Size = context.ReadU64($"{dir}/size") * 512,
            });
        }

        return partitions;
    }

    // Link target → name of the last link (in sorted order) resolving to it. Dangling links are skipped
    // (the v6.16.0 reference fails the whole document on one; upstream skips them since v6.19.0).
    private static Dictionary<string, string> DiskLinks(CollectContext context, string directory)
    {
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!context.Exists(directory))
        {
            return links;
        }

        foreach (var link in context.Tree.List(directory))
        {
            string target;
            try
            {
                target = context.Tree.Resolve($"{directory}/{link}");
            }
            catch (ProviderException)
            {
                continue;
            }

            links[target] = link;
        }

        return links;
    }

    private static ulong BlockSize(CollectContext context, string name)
    {
        try
        {
            return context.Probes.GetPhysicalBlockSize(context.Tree.HostPath($"/dev/{name}")) ?? 0;
        }
        catch (ErrnoException ex)
        {
            throw new ProviderException($"Failed to get the block size of \"/dev/{name}\": {ex.Message}", ex);
        }
    }

    private static void ApplyUdev(CollectContext context, ResourcesStorageDisk disk)
    {
        var path = $"/run/udev/data/b{disk.Device}";
        if (!context.Exists(path))
        {
            return;
        }

        var udev = UdevProperties.Parse(context.Read(path));
        string Get(string key) => udev.GetValueOrDefault(key, string.Empty);

        if (Get("E:ID_CDROM") == "1")
        {
            disk.Type = "cdrom";
        }
        else if (Get("E:ID_USB_DRIVER") == "usb-storage")
        {
            disk.Type = "usb";
        }
        else if (Get("E:ID_ATA_SATA") == "1")
        {
            disk.Type = "sata";
        }

        if (disk.FirmwareVersion.Length == 0 && Get("E:ID_REVISION").Length > 0)
        {
            disk.FirmwareVersion = Get("E:ID_REVISION");
        }

        disk.Serial = new[] { "E:SCSI_IDENT_SERIAL", "E:ID_SCSI_SERIAL", "E:ID_SERIAL_SHORT", "E:ID_SERIAL" }
            .Select(Get).FirstOrDefault(v => v.Length > 0) ?? string.Empty;

        var model = UdevProperties.DecodeModel(Get("E:ID_MODEL_ENC"), Get("E:ID_MODEL"));
        if (model.Length > 0)
        {
            disk.Model = model;
        }

        var rpm = Get("E:ID_ATA_ROTATION_RATE_RPM");
        if (rpm.Length > 0 && disk.Rpm == 0)
        {
            disk.Rpm = CollectContext.ParseU64(rpm, path);
        }
    }
}
