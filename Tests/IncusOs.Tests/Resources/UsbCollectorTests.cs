using IncusOs.Actors.Common;
using IncusOs.Providers.Resources;
using IncusOs.Providers.Resources.Sections;
using IncusOs.Providers.Resources.Wire;
using Newtonsoft.Json;

namespace IncusOs.Tests.Resources;

/// <summary>USB rules (resources.md §10) on a built tree: root hub skipped, a tablet with one interface.</summary>
public sealed class UsbCollectorTests : IDisposable
{
    private const string Bus = "/sys/devices/pci0000:00/0000:00:1d.0/usb1";
    private readonly TempTree _tree = new();

    public UsbCollectorTests()
    {
        _tree.File($"{Bus}/busnum", "1\n").File($"{Bus}/devnum", "1\n").File($"{Bus}/bDeviceClass", "09\n")
            .File($"{Bus}/1-1/busnum", "1\n").File($"{Bus}/1-1/devnum", "2\n").File($"{Bus}/1-1/bDeviceClass", "00\n")
            .File($"{Bus}/1-1/idVendor", "0627\n").File($"{Bus}/1-1/idProduct", "0001\n")
            .File($"{Bus}/1-1/serial", "42\n").File($"{Bus}/1-1/speed", "480\n")
            .File($"{Bus}/1-1/1-1:1.0/bInterfaceClass", "03\n").File($"{Bus}/1-1/1-1:1.0/bInterfaceSubClass", "01\n")
            .File($"{Bus}/1-1/1-1:1.0/bInterfaceNumber", "00\n")
            .File($"{Bus}/1-1/1-1:1.0/driver/module/version", "1.0\n")
            .File($"{Bus}/1-2/busnum", "1\n").File($"{Bus}/1-2/devnum", "3\n").File($"{Bus}/1-2/bDeviceClass", "ff\n")
            .File($"{Bus}/1-2/idVendor", "1234\n").File($"{Bus}/1-2/idProduct", "5678\n")
            .File($"{Bus}/1-2/product", "Sysfs Product Name\n").File($"{Bus}/1-2/speed", "1.5\n")
            .Link("/sys/bus/usb/devices/usb1", "../../../devices/pci0000:00/0000:00:1d.0/usb1")
            .Link("/sys/bus/usb/devices/1-1", "../../../devices/pci0000:00/0000:00:1d.0/usb1/1-1")
            .Link("/sys/bus/usb/devices/1-1:1.0", "../../../devices/pci0000:00/0000:00:1d.0/usb1/1-1/1-1:1.0")
            .Link("/sys/bus/usb/devices/1-2", "../../../devices/pci0000:00/0000:00:1d.0/usb1/1-2")
            .File("/usb.ids", "0627  Adomax Technology Co., Ltd\n\t0001  QEMU USB Tablet\n"
                + "C 03  Human Interface Device\n\t01  Boot Interface Subclass\n");
    }

    [Fact]
    public void Collect_TabletAndVendorDevice_HubsSkippedNamesFromUsbIds()
    {
        var usb = Collect();

        Assert.Equal(2UL, usb.Total);
        var tablet = usb.Devices[0];
        Assert.Equal(
            (1UL, 2UL, string.Empty, "Adomax Technology Co., Ltd", "0627", "QEMU USB Tablet", "0001", 480.0),
            (tablet.BusAddress, tablet.DeviceAddress, tablet.Serial, tablet.Vendor, tablet.VendorId, tablet.Product,
                tablet.ProductId, tablet.Speed));
        var hid = Assert.Single(tablet.Interfaces!);
        Assert.Equal(
            ("Human Interface Device", 3UL, "Boot Interface Subclass", 1UL, 0UL, "driver", "1.0"),
            (hid.Class, hid.ClassId, hid.Subclass, hid.SubclassId, hid.Number, hid.Driver, hid.DriverVersion));
    }

    [Fact]
    public void Collect_DeviceWithoutInterfaces_NullInterfacesAndSysfsProduct()
    {
        var other = Collect().Devices[1];

        Assert.Equal(("Sysfs Product Name", string.Empty), (other.Product, other.Vendor));
        Assert.Null(other.Interfaces);
        Assert.EndsWith(
            "\"interfaces\":null,\"vendor\":\"\",\"vendor_id\":\"1234\",\"product\":\"Sysfs Product Name\","
            + "\"product_id\":\"5678\",\"speed\":1.5}",
            JsonConvert.SerializeObject(other, WireJson.Settings));
    }

    public void Dispose() => _tree.Dispose();

    private ResourcesUsb Collect()
    {
        var collector = new ResourcesCollector(
            new SysTree(_tree.Root),
            new FakeProbes(),
            new AbsentEthtool(),
            new ResourcesPaths([], _tree.Root + "/usb.ids"));

        return UsbCollector.Collect(collector.CreateContext(CancellationToken.None));
    }
}
