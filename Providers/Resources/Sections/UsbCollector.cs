using System.Globalization;
using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Providers.Resources.Sections;

/// <summary>The <c>usb</c> section (resources.md §10): devices other than hubs, with their interfaces.</summary>
public static class UsbCollector
{
    private const string UsbDevices = "/sys/bus/usb/devices";

    public static ResourcesUsb Collect(CollectContext context)
    {
        var usb = new ResourcesUsb();
        var ids = UsbIds.Load(context.Paths.UsbIdsPath);
        if (!context.Exists(UsbDevices))
        {
            return usb;
        }

        var entries = context.Tree.List(UsbDevices);
        // uname is read up front, as the reference does: its failure fails the section even without drivers.
        _ = context.Uname;
        foreach (var entry in entries)
        {
            var dir = $"{UsbDevices}/{entry}";
            if (!context.Exists($"{dir}/busnum"))
            {
                continue;
            }

            if (context.ReadHexU64($"{dir}/bDeviceClass") == 9)
            {
                continue;
            }

            usb.Devices.Add(CollectDevice(context, ids, entry, dir));
        }

        usb.Total = (ulong)usb.Devices.Count;

        return usb;
    }

    private static ResourcesUsbDevice CollectDevice(CollectContext context, UsbIds ids, string entry, string dir)
    {
        var device = new ResourcesUsbDevice
        {
            BusAddress = context.ReadU64($"{dir}/busnum"),
            DeviceAddress = context.ReadU64($"{dir}/devnum"),
        };

        // QUIRK (§10.1): the kernel names the attribute "serial", so this is "" in practice.
        if (context.Exists($"{dir}/iSerial"))
        {
            device.Serial = context.Read($"{dir}/iSerial");
        }

        ushort vendor = 0, product = 0;
        if (context.Exists($"{dir}/idVendor"))
        {
            device.VendorId = context.Read($"{dir}/idVendor");
            vendor = ParseHex16(device.VendorId, $"{dir}/idVendor");
            device.Vendor = ids.VendorName(vendor);
        }

        if (context.Exists($"{dir}/idProduct"))
        {
            device.ProductId = context.Read($"{dir}/idProduct");
            product = ParseHex16(device.ProductId, $"{dir}/idProduct");
        }

        device.Product = context.Exists($"{dir}/product")
            ? context.Read($"{dir}/product")
            : ids.ProductName(vendor, product);

        if (context.Exists($"{dir}/speed"))
        {
            var speed = context.Read($"{dir}/speed");
            device.Speed = double.TryParse(speed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new ProviderException($"Failed to parse \"{dir}/speed\": invalid number \"{speed}\"");
        }

        foreach (var child in context.Tree.List(dir))
        {
            var path = $"{dir}/{child}";
            if (child.StartsWith(entry, StringComparison.Ordinal) && context.Tree.IsDirectory(path))
            {
                device.Interfaces ??= [];
                device.Interfaces.Add(CollectInterface(context, ids, path));
            }
        }

        return device;
    }

    private static ResourcesUsbDeviceInterface CollectInterface(CollectContext context, UsbIds ids, string path)
    {
        ulong Hex(string file) => context.Exists($"{path}/{file}") ? context.ReadHexU64($"{path}/{file}") : 0;

        var (driver, version) = context.Driver(path);
        var item = new ResourcesUsbDeviceInterface
        {
            ClassId = Hex("bInterfaceClass"),
            SubclassId = Hex("bInterfaceSubClass"),
            Number = Hex("bInterfaceNumber"),
            Driver = driver,
            DriverVersion = version,
        };
        item.Class = ids.ClassName((ushort)item.ClassId);
        if (item.SubclassId > 0)
        {
            item.Subclass = ids.SubclassName((ushort)item.ClassId, (ushort)item.SubclassId);
        }

        return item;
    }

    private static ushort ParseHex16(string text, string source) =>
        ushort.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ProviderException($"Failed to parse \"{source}\": invalid hexadecimal id \"{text}\"");
}
