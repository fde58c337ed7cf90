using System.IO.Compression;
using IncusOs.Providers.Resources;

namespace IncusOs.Tests.Resources;

public sealed class NameDatabaseTests : IDisposable
{
    private const string PciText =
        "# comment\n"
        + "1af4  Red Hat, Inc.\n"
        + "\t1000  Virtio network device\n"
        + "\t\t1af4 0001  Virtio network device (subsystem)\n"
        + "\t1041  Virtio 1.0 network device\n"
        + "\t1041  A later duplicate that loses\n"
        + "8086  Intel Corporation\n"
        + "\t0d57  Not really this id\n"
        + "C 02  Network controller\n"
        + "\t00  Ethernet controller\n"
        + "abcd  After the class section\n";

    private readonly TempTree _files = new();

    [Fact]
    public void PciLookup_VendorAndProduct_FirstProductInFileOrder()
    {
        var ids = PciIds.Parse(new StringReader(PciText));

        Assert.Equal(("Red Hat, Inc.", "Virtio 1.0 network device"), ids.Lookup("1af4", "1041"));
        Assert.Equal(("Red Hat, Inc.", string.Empty), ids.Lookup("1af4", "0001"));
        Assert.Equal((string.Empty, string.Empty), ids.Lookup("abcd", "0000"));
        Assert.Equal((string.Empty, string.Empty), ids.Lookup("02", "00"));
    }

    [Fact]
    public void PciLoad_GzipCandidateAfterMissingOnes_Decompressed()
    {
        var path = _files.Root + "/pci.ids.gz";
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
        {
            writer.Write(PciText);
        }

        var ids = PciIds.Load([_files.Root + "/missing/pci.ids", path]);

        Assert.Equal("Intel Corporation", ids.Lookup("8086", "0d57").Vendor);
    }

    [Fact]
    public void PciLoad_NoCandidateExists_EmptyNames()
    {
        var ids = PciIds.Load([_files.Root + "/none"]);

        Assert.Equal((string.Empty, string.Empty), ids.Lookup("1af4", "1041"));
    }

    [Fact]
    public void UsbParse_VendorsAndClasses_ByNumericId()
    {
        var ids = UsbIds.Parse(new StringReader(
            "# usb.ids\n0627  Adomax Technology Co., Ltd\n\t0001  QEMU USB Tablet\n\t\t00  interface\n"
            + "C 03  Human Interface Device\n\t01  Boot Interface Subclass\n\t\t02  Mouse\n"
            + "AT 0001  Audio terminal kind, ignored\n\t0101  USB Streaming\n"
            + "HID 00  Undefined\n"))!;

        Assert.Equal("Adomax Technology Co., Ltd", ids.VendorName(0x0627));
        Assert.Equal("QEMU USB Tablet", ids.ProductName(0x0627, 0x0001));
        Assert.Equal("Human Interface Device", ids.ClassName(3));
        Assert.Equal("Boot Interface Subclass", ids.SubclassName(3, 1));
        Assert.Equal(string.Empty, ids.VendorName(0x0001));
    }

    [Fact]
    public void UsbParse_LineWithoutTwoSpaces_WholeFileUnusable()
    {
        var ids = UsbIds.Parse(new StringReader("0627  Adomax\n\t0001 single space\n"));

        Assert.Null(ids);
    }

    [Fact]
    public void UsbLoad_MalformedFile_EmptyNames()
    {
        _files.File("/usb.ids", "0627  Adomax\nbroken\n");

        var ids = UsbIds.Load(_files.Root + "/usb.ids");

        Assert.Equal(string.Empty, ids.VendorName(0x0627));
    }

    [Fact]
    public void Paths_PcidbPathSet_OnlyThatCandidate()
    {
        var variables = new Dictionary<string, string> { ["PCIDB_PATH"] = "/x/pci.ids", ["HOME"] = "/root" };

        var paths = ResourcesPaths.FromEnvironment(variables.GetValueOrDefault);

        Assert.Equal(["/x/pci.ids"], paths.PciIdsCandidates);
        Assert.Equal("/usr/share/misc/usb.ids", paths.UsbIdsPath);
    }

    [Fact]
    public void Paths_Defaults_CacheThenHwdataThenMiscThenGzip()
    {
        var variables = new Dictionary<string, string>
        {
            ["HOME"] = "/root", ["PCIDB_CHROOT"] = "/chroot", ["INCUS_USBIDS_PATH"] = "/u/usb.ids",
        };

        var paths = ResourcesPaths.FromEnvironment(variables.GetValueOrDefault);

        Assert.Equal(
            ["/root/.cache/pci.ids", "/chroot/usr/share/hwdata/pci.ids", "/chroot/usr/share/misc/pci.ids",
                "/chroot/usr/share/hwdata/pci.ids.gz", "/chroot/usr/share/misc/pci.ids.gz"],
            paths.PciIdsCandidates);
        Assert.Equal("/u/usb.ids", paths.UsbIdsPath);
    }

    public void Dispose() => _files.Dispose();
}
