using IncusOs.Providers;
using IncusOs.Providers.Resources;
using IncusOs.Providers.Resources.Native;
using IncusOs.Providers.Resources.Sections;
using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Tests.Resources;

/// <summary>The NIC rules of resources.md §8 on a built tree: a dual-port card with a VF, a bridge, ethtool.</summary>
public sealed class NetworkCollectorTests : IDisposable
{
    private const string Pf = "/sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0";
    private const string Port2 = "/sys/devices/pci0000:00/0000:00:01.0/0000:01:00.1";
    private const string Vf = "/sys/devices/pci0000:00/0000:00:01.0/0000:01:10.0";
    private readonly TempTree _tree = new();
    private readonly ScriptedEthtool _ethtool = new();

    public NetworkCollectorTests()
    {
        _tree.Dir("/sys/bus/pci").Dir("/sys/bus/pci/drivers/igb").Dir("/sys/devices/virtual/net/br0");
        AddFunction(Pf, "0x1521", "eno1", "a0:36:9f:00:00:01", devPort: 0);
        AddFunction(Port2, "0x1521", "eno2", "a0:36:9f:00:00:02", devPort: 0);
        AddFunction(Vf, "0x1520", "eno1v0", "a0:36:9f:00:00:10", devPort: 0);
        _tree.File($"{Pf}/sriov_numvfs", "1\n").File($"{Pf}/sriov_totalvfs", "7\n")
            .Link($"{Vf}/physfn", "../0000:01:00.0")
            .File($"{Pf}/numa_node", "1\n")
            .File($"{Pf}/driver/module/version", "5.1.0-k\n");
        _tree.Link("/sys/class/net/br0", "../../devices/virtual/net/br0");
        _ethtool.Links["eno1"] = true;
        _ethtool.Settings["eno1"] = new EthtoolLinkSettings(
            1000, 1, 0, 1, 0, [(1u << 3) | (1u << 5) | (1u << 7), 1u << (47 - 32)]);
        _ethtool.Permanent["eno1"] = [0xa0, 0x36, 0x9f, 0, 0, 0x99];
        _ethtool.Firmware["eno1"] = "1.63, 0x80000f67";
        _ethtool.Links["eno2"] = false;
        _ethtool.Legacy["eno2"] = new EthtoolLinkSettings(uint.MaxValue, 0xff, 0xff, 0, 1, [1u << 10]);
        _ethtool.Firmware["eno2"] = string.Empty;
        _ethtool.Firmware["eno1v0"] = string.Empty;
    }

    [Fact]
    public void Collect_PhysicalFunctions_OneCardEachWithVfUnderParent()
    {
        var network = Collect();

        Assert.Equal(["0000:01:00.0", "0000:01:00.1"], network.Cards.Select(c => c.PciAddress));
        Assert.Equal(3UL, network.Total);
        var vf = Assert.Single(network.Cards[0].Sriov!.Vfs!);
        Assert.Equal(("0000:01:10.0", "1520"), (vf.PciAddress, vf.ProductId));
        Assert.Equal("eno1v0", Assert.Single(vf.Ports!).Id);
        Assert.Equal((1UL, 7UL), (network.Cards[0].Sriov!.CurrentVfs, network.Cards[0].Sriov!.MaximumVfs));
        Assert.Null(network.Cards[1].Sriov);
    }

    [Fact]
    public void Collect_LinkSettings_MappedAsEthtoolPrintsThem()
    {
        var card = Collect().Cards[0];
        var port = Assert.Single(card.Ports!);

        Assert.Equal(
            ("igb", "5.1.0-k", 1UL, "8086", "1521"),
            (card.Driver, card.DriverVersion, card.NumaNode, card.VendorId, card.ProductId));
        Assert.Equal("1.63, 0x80000f67", card.FirmwareVersion);
        Assert.Equal("a0:36:9f:00:00:99", port.Address);
        Assert.Equal(["100baseT/Full", "1000baseT/Full", "2500baseT/Full"], port.SupportedModes);
        Assert.Equal(["twisted pair"], port.SupportedPorts);
        Assert.Equal(
            ("twisted pair", "internal", true, true, 1000UL, "full"),
            (port.PortType, port.TransceiverType, port.AutoNegotiation, port.LinkDetected, port.LinkSpeed,
                port.LinkDuplex));
    }

    [Fact]
    public void Collect_LegacyFallbackWithoutLink_NoSpeedOrDuplex()
    {
        var port = Assert.Single(Collect().Cards[1].Ports!);

        Assert.Equal(
            ("a0:36:9f:00:00:02", "other", "external", false),
            (port.Address, port.PortType, port.TransceiverType, port.LinkDetected));
        Assert.Equal((0UL, string.Empty), (port.LinkSpeed, port.LinkDuplex));
        Assert.Equal(["fibre"], port.SupportedPorts);
    }

    [Fact]
    public void Collect_GetLinkFails_PortDroppedAndNoFirmwareQuery()
    {
        _ethtool.Links.Remove("eno2");
        _ethtool.Firmware.Remove("eno2");

        var card = Collect().Cards[1];

        Assert.Empty(card.Ports!);
        Assert.Equal(string.Empty, card.FirmwareVersion);
    }

    [Fact]
    public void Collect_SettingsFailWithOtherErrno_PortDropped()
    {
        var ethtool = new ScriptedEthtool { LegacyErrno = 1 };
        ethtool.Links["eno2"] = true;
        ethtool.Firmware["eno1v0"] = string.Empty;

        var network = Collect(ethtool);

        Assert.Empty(network.Cards[1].Ports!);
    }

    [Fact]
    public void Collect_DriverInfoFails_WholeSectionFails()
    {
        _ethtool.Firmware.Remove("eno1");

        var error = Assert.Throws<ProviderException>(() => Collect());

        Assert.Equal(
            "Failed to retrieve network information: Failed to get the driver information of \"eno1\": "
            + "GDRVINFO: operation not supported",
            error.Message);
    }

    public void Dispose() => _tree.Dispose();

    private ResourcesNetwork Collect(IEthtool? ethtool = null)
    {
        var collector = new ResourcesCollector(
            new SysTree(_tree.Root), new FakeProbes(), ethtool ?? _ethtool, new ResourcesPaths([], "/none"));

        return ResourcesCollector.Section(
            "network", collector.CreateContext(CancellationToken.None), NetworkCollector.Collect);
    }

    private void AddFunction(string dir, string device, string name, string mac, int devPort)
    {
        var relative = "../../.." + dir["/sys".Length..];
        _tree.File($"{dir}/vendor", "0x8086\n")
            .File($"{dir}/device", device + "\n")
            .File($"{dir}/class", "0x020000\n")
            .File($"{dir}/numa_node", "-1\n")
            .Link($"{dir}/subsystem", "../../../../bus/pci")
            .Link($"{dir}/driver", "../../../../bus/pci/drivers/igb")
            .File($"{dir}/net/{name}/address", mac + "\n")
            .File($"{dir}/net/{name}/type", "1\n")
            .File($"{dir}/net/{name}/dev_port", $"{devPort}\n")
            .Link($"{dir}/net/{name}/device", "../../../" + SysTree.Name(dir))
            .Link($"/sys/bus/pci/devices/{SysTree.Name(dir)}", relative)
            .Link($"/sys/class/net/{name}", "../.." + dir["/sys".Length..] + "/net/" + name);
    }
}
