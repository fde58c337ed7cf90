using System.Text;
using IncusOs.Providers;
using IncusOs.Providers.Resources.Sections;
using IncusOs.Tests.Support;

namespace IncusOs.Tests.Resources;

/// <summary>The small parsers of resources.md §4.10, §5.2, §6.2 and §11.2.</summary>
public sealed class ParserTests
{
    [Fact]
    public void Meminfo_NodeFileKeysAndUnits_LastWordAndKib()
    {
        var values = MeminfoParser.Parse(
            "Node 0 MemTotal:       2048 kB\nNode 0 HugePages_Total:     3\nHugepagesize:  2048 kB\nno colon\n"
            + "Active(anon):   xyz kB\n",
            "test");

        Assert.Equal(2048UL * 1024, values["MemTotal"]);
        Assert.Equal(3UL, values["HugePages_Total"]);
        Assert.Equal(2048UL * 1024, values["Hugepagesize"]);
        Assert.False(values.ContainsKey("Active(anon)"));
    }

    [Fact]
    public void Meminfo_UnparsableUsedKey_FatalNamingSource()
    {
        var error = Assert.Throws<ProviderException>(() => MeminfoParser.Parse("MemFree: lots kB\n", "/proc/meminfo"));

        Assert.StartsWith("Failed to parse \"/proc/meminfo\"", error.Message);
    }

    [Theory]
    [InlineData("TOSHIBA\\x20KSDB4U86", "TOSHIBA_KSDB4U86", "TOSHIBA KSDB4U86")]
    [InlineData("  Virtual\\x20Disk\\x20\\x20 ", "Virtual_Disk", "Virtual Disk")]
    [InlineData("Bad\\xZZhex", "Plain_Model", "Plain_Model")]
    [InlineData("Cut\\x2", "Plain_Model", "Plain_Model")]
    [InlineData("", "Plain_Model", "Plain_Model")]
    [InlineData("", "", "")]
    public void UdevModel_EncodedModel_DecodedOrPlainFallback(string encoded, string plain, string expected)
    {
        var model = UdevProperties.DecodeModel(encoded, plain);

        Assert.Equal(expected, model);
    }

    [Fact]
    public void Udev_Record_OnlyELinesSplitAtFirstEquals()
    {
        var properties = UdevProperties.Parse("S:disk/by-id/x\nE:ID_SERIAL=a=b \n  E:ID_BUS = ata\nE:NOEQUALS\nI:1\n");

        Assert.Equal(
            [("E:ID_BUS", "ata"), ("E:ID_SERIAL", "a=b")],
            properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
    }

    [Fact]
    public void Vpd_NameAndKeywordSections_KeepsListedKeysSorted()
    {
        var vpd = VpdParser.Parse(
        [
            0x82, 0x08, 0x00, .. "My NIC  "u8,
            0x90, 0x11, 0x00, .. "PN"u8, 3, .. "123"u8, .. "XX"u8, 1, (byte)'z', .. "V1"u8, 4, .. "abc\0"u8,
            0x91, 0x06, 0x00, .. "PN"u8, 3, .. "456"u8,
            0x78,
        ]);

        Assert.Equal("My NIC", vpd.ProductName);
        Assert.Equal([("PN", "456"), ("V1", "abc")], vpd.Entries!.Select(e => (e.Key, e.Value)));
    }

    [Fact]
    public void Vpd_TruncatedKeywordArea_StopsWithinBounds()
    {
        var vpd = VpdParser.Parse([0x90, 0x40, 0x00, .. "SN"u8, 0x30, .. "ABC"u8]);

        Assert.Equal("ABC", vpd.Entries!["SN"]);
    }

    [Fact]
    public void Vpd_FixtureDamagedByUtf8Step_ParsesWithoutFailure()
    {
        var bytes = File.ReadAllBytes(TestPaths.Fixture(
            "sysfs", "node-exporter", "sys", "devices", "pci0000:40", "0000:40:01.3", "0000:45:00.0", "vpd"));

        var vpd = VpdParser.Parse(bytes);

        Assert.Equal([0xEF, 0xBF, 0xBD], bytes[..3]);
        Assert.DoesNotContain("Intel", vpd.ProductName);
    }

    [Fact]
    public void Smbios_ProcessorStructure_SecondAndThirdStrings()
    {
        var table = new List<byte>();
        table.AddRange([0, 4, 0, 0]);
        table.AddRange(Encoding.ASCII.GetBytes("BIOS Vendor\0\0"));
        table.AddRange([4, 4, 1, 0]);
        table.AddRange(Encoding.ASCII.GetBytes("CPU 0\0Intel(R) Corporation\0Xeon Gold\0\0"));
        table.AddRange([127, 4, 2, 0, 0, 0]);

        var cpu = SmbiosCpu.FindProcessor([.. table]);

        Assert.Equal(("Intel(R) Corporation", "Xeon Gold"), cpu);
    }

    [Fact]
    public void Smbios_EntryPointChecksum_Validated()
    {
        var entry = new byte[24];
        "_SM3_"u8.CopyTo(entry);
        entry[6] = 24;
        entry[5] = (byte)(0x100 - entry.Sum(b => b) % 0x100);

        Assert.True(SmbiosCpu.ValidEntryPoint(entry));
        entry[10] ^= 1;
        Assert.False(SmbiosCpu.ValidEntryPoint(entry));
    }

    [Theory]
    [InlineData(0UL, "")]
    [InlineData(1UL, "Other")]
    [InlineData(17UL, "Main Server Chassis")]
    [InlineData(23UL, "Rack Mount Chassis")]
    [InlineData(36UL, "Stick PC")]
    [InlineData(37UL, "")]
    public void ChassisType_SmbiosNumber_Name(ulong number, string expected)
    {
        Assert.Equal(expected, SystemCollector.ChassisTypeName(number));
    }
}
