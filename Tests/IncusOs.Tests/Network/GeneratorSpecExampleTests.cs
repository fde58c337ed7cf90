using IncusOs.Actors.Network;

namespace IncusOs.Tests.Network;

/// <summary>The worked example of network.md §5.1, typed in from the spec rather than from the generator.</summary>
public sealed class GeneratorSpecExampleTests
{
    [Fact]
    public void Generate_SpecWorkedExample_MatchesSpecText()
    {
        var config = new SystemNetworkConfig
        {
            Interfaces =
            [
                new SystemNetworkInterface
                {
                    Name = "management", Mtu = 9000, Addresses = ["dhcp4", "slaac"], RequiredForOnline = "ipv6",
                    Routes =
                    [
                        new SystemNetworkRoute { To = "0.0.0.0/0", Via = "dhcp4" },
                        new SystemNetworkRoute { To = "::/0", Via = "slaac" },
                    ],
                    Hwaddr = "AA:BB:CC:DD:EE:01",
                },
            ],
        };

        var files = NetworkdFileGenerator.Generate(config).ToDictionary(f => f.Name, f => f.Content);

        Assert.Equal(
            [
                "00-_paabbccddee01.link", "10-management.netdev", "10-_vmanagement.netdev", "20-_vmanagement.network",
                "20-_iaabbccddee01.network", "20-_paabbccddee01.network", "20-management.network",
            ],
            files.Keys);
        Assert.Equal(
            "[Match]\nName=_vmanagement\n\n[Link]\nRequiredForOnline=yes\nRequiredFamilyForOnline=ipv6\n\n"
            + "[DHCP]\nClientIdentifier=mac\nRouteMetric=100\nUseMTU=true\n\n"
            + "[Network]\nLinkLocalAddressing=ipv6\nIPv6AcceptRA=true\nDHCP=ipv4\n\n"
            + "[Route]\nGateway=_dhcp4\nDestination=0.0.0.0/0\n\n[Route]\nGateway=_ipv6ra\nDestination=::/0\n",
            files["20-_vmanagement.network"]);
        Assert.Equal(
            "[Match]\nName=_iaabbccddee01\n\n[Network]\nBridge=management\n", files["20-_iaabbccddee01.network"]);
        Assert.Equal(
            "[Match]\nName=_paabbccddee01\n\n[Network]\nLLDP=false\nEmitLLDP=false\nBridge=management\n"
            + "[Link]\nMTUBytes=9000\n",
            files["20-_paabbccddee01.network"]);
        Assert.Equal(
            "[Match]\nName=management\n\n[Network]\nLinkLocalAddressing=no\nConfigureWithoutCarrier=yes\n"
            + "[Link]\nMTUBytes=9000\n",
            files["20-management.network"]);
    }

    [Fact]
    public void Generate_NoMtu_LeavesTheBlankMtuLine()
    {
        var config = new SystemNetworkConfig
        {
            Vlans = [new SystemNetworkVlan { Name = "v", Parent = "x", Id = 7 }],
        };

        var files = NetworkdFileGenerator.Generate(config);

        var netdev = files.Single(f => f.Name == "12-v.netdev").Content;
        Assert.Equal("[NetDev]\nName=v\nKind=vlan\n\n\n[VLAN]\nId=7\n", netdev);
    }
}
