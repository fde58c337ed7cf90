using IncusOs.Providers;
using IncusOs.Providers.Storage;

namespace IncusOs.Tests.Storage;

public sealed class SmartctlOutputTests
{
    [Fact]
    public void Parse_SataDisk_MapsIdentityWwnAndHealth()
    {
        const string json = """
            {"device":{"name":"/dev/sdb","type":"sat"},"model_family":"Samsung based SSDs",
             "model_name":"Samsung SSD 870 EVO 1TB","serial_number":"S6PTNM0T123456",
             "wwn":{"naa":5,"oui":9528,"id":63689597362},
             "smart_support":{"available":true,"enabled":true},"smart_status":{"passed":true}}
            """;

        var report = SmartctlOutput.Parse(json);

        Assert.Equal("Samsung based SSDs", report.ModelFamily);
        Assert.Equal("Samsung SSD 870 EVO 1TB", report.ModelName);
        Assert.Equal("S6PTNM0T123456", report.SerialNumber);
        Assert.Equal("sat", report.Bus);
        Assert.Equal("0x5002538ed43221b2", report.Wwn);
        Assert.Equal(new SmartHealth(true, true), report.Health);
    }

    [Fact]
    public void Parse_ScsiDiskWithoutSmart_FallsBackToVendorAndProduct()
    {
        const string json = """
            {"device":{"type":"scsi"},"scsi_vendor":"QEMU","scsi_product":"QEMU HARDDISK",
             "serial_number":"incus_root","wwn":{"naa":5,"oui":0,"id":1},"smart_support":{"available":false}}
            """;

        var report = SmartctlOutput.Parse(json);

        Assert.Equal(("QEMU", "QEMU HARDDISK", "scsi"), (report.ModelFamily, report.ModelName, report.Bus));
        Assert.Null(report.Wwn);
        Assert.Null(report.Health);
    }

    [Fact]
    public void Parse_EmptyOutput_FailsLikeTheReference()
    {
        var ex = Assert.Throws<ProviderException>(() => SmartctlOutput.Parse(""));

        Assert.Equal("unexpected end of JSON input", ex.Message);
    }

    [Fact]
    public void LsblkParse_BooleanAndStringFlags_AreRead()
    {
        const string json = """
            {"blockdevices":[{"kname":"/dev/sda","size":53687091200,"rm":false},
             {"kname":"/dev/sdb","size":"1024","rm":"1"}]}
            """;

        var disks = LsblkOutput.Parse(json);

        Assert.Equal(
            [new BlockDevice("/dev/sda", 53687091200, false), new BlockDevice("/dev/sdb", 1024, true)], disks);
    }
}
