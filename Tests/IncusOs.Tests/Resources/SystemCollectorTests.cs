using IncusOs.Providers.Resources;
using IncusOs.Providers.Resources.Sections;
using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Tests.Resources;

/// <summary>The lshw fallback of resources.md §12.2 rule 3 (no DMI directory in the tree).</summary>
public sealed class SystemCollectorTests : IDisposable
{
    private readonly TempTree _tree = new();

    [Fact]
    public async Task Collect_LshwObject_RootConfigurationBoardAndFirmware()
    {
        var system = await CollectAsync(
            """
            {"id":"board","product":"Raspberry Pi 4 Model B Rev 1.4","serial":"10000000abcd","vendor":"RPi",
             "version":"1.4","configuration":{"family":"Pi","sku":"S","uuid":"u-1","chassis":"embedded"},
             "children":[{"id":"core","description":"Motherboard","product":"P","vendor":"V","serial":"SN",
               "version":"2","children":[{"id":"cpu"},{"id":"firmware","vendor":"U-Boot","date":"04/12/2021",
               "version":"2023.01"}]}]}
            """);

        Assert.Equal(
            ("Raspberry Pi 4 Model B Rev 1.4", "10000000abcd", "RPi", "1.4", "Pi", "S", "u-1", "container"),
            (system.Product, system.Serial, system.Vendor, system.Version, system.Family, system.Sku, system.Uuid,
                system.Type));
        Assert.Equal(("", "embedded", "", ""), (system.Chassis!.Vendor, system.Chassis.Type, system.Chassis.Serial,
            system.Chassis.Version));
        Assert.Equal(("V", "P", "SN", "2"), (system.Motherboard!.Vendor, system.Motherboard.Product,
            system.Motherboard.Serial, system.Motherboard.Version));
        Assert.Equal(("U-Boot", "04/12/2021", "2023.01"), (system.Firmware!.Vendor, system.Firmware.Date,
            system.Firmware.Version));
    }

    [Theory]
    [InlineData("[{\"product\":\"array form\"}]")]
    [InlineData("not json")]
    [InlineData(null)]
    public async Task Collect_LshwArrayOrFailure_BareSystemObject(string? output)
    {
        var system = await CollectAsync(output);

        Assert.Equal(("", "container"), (system.Product, system.Type));
        Assert.Null(system.Chassis);
        Assert.Null(system.Motherboard);
        Assert.Null(system.Firmware);
    }

    public void Dispose() => _tree.Dispose();

    private Task<ResourcesSystem> CollectAsync(string? lshw)
    {
        var collector = new ResourcesCollector(
            new SysTree(_tree.Root),
            new FakeProbes { SystemType = "container", Lshw = lshw },
            new AbsentEthtool(),
            new ResourcesPaths([], "/none"));

        return SystemCollector.CollectAsync(collector.CreateContext(CancellationToken.None));
    }
}
