using IncusOs.Actors.Common;
using IncusOs.Actors.Network;
using Newtonsoft.Json;

namespace IncusOs.Tests.Network;

public sealed class NetworkValidatorTests
{
    private const string Nic = """{"name":"eth0","hwaddr":"aa:bb:cc:dd:ee:01"}""";
    private const string Bond = """{"name":"bond0","mode":"802.3ad","members":["aa:bb:cc:dd:ee:02"]}""";

    public static TheoryData<string, string> Failures() => new()
    {
        { """{"interfaces":[{"name":"x","hwaddr":"aa:bb:cc:dd:ee:01"},{"name":"x","hwaddr":"aa:bb:cc:dd:ee:02"}]}""",
            "duplicate interface/bond/vlan name: x" },
        { $$"""{"interfaces":[{{Nic}}],"bonds":[{"name":"eth0","mode":"802.3ad","members":["aa:bb:cc:dd:ee:02"]}]}""",
            "duplicate interface/bond/vlan name: eth0" },
        { $$"""{"interfaces":[{{Nic}}],"vlans":[{"name":"eth0","parent":"eth0","id":1}]}""",
            "duplicate interface/bond/vlan name: eth0" },
        { $$"""{"interfaces":[{{Nic}},{"hwaddr":"aa:bb:cc:dd:ee:03"}]}""", "interface 1 has no name" },
        { """{"interfaces":[{"name":"_x","hwaddr":"aa:bb:cc:dd:ee:01"}]}""",
            "interface 0 name cannot begin with an underscore" },
        { """{"interfaces":[{"name":"abcdefghijklmn","hwaddr":"aa:bb:cc:dd:ee:01"}]}""",
            "interface 0 name cannot be longer than 13 characters" },
        { """{"interfaces":[{"name":"abcdefghijkl\u00e9","hwaddr":"aa:bb:cc:dd:ee:01"}]}""",
            "interface 0 name cannot be longer than 13 characters" },
        { """
            {"interfaces":[{"name":"eth0","mtu":-1,"hwaddr":"aa:bb:cc:dd:ee:01"}]}
            """, "interface 0 MTU out of range" },
        { """
            {"interfaces":[{"name":"eth0","mtu":9001,"hwaddr":"aa:bb:cc:dd:ee:01"}]}
            """, "interface 0 MTU out of range" },
        { """{"interfaces":[{"name":"eth0","roles":["web"],"hwaddr":"aa:bb:cc:dd:ee:01"}]}""",
            "interface 0 role \"web\" is unsupported" },
        { """{"interfaces":[{"name":"eth0","roles":["storage","storage"],"hwaddr":"aa:bb:cc:dd:ee:01"}]}""",
            "interface 0 role \"storage\" is listed multiple times" },
        { """{"interfaces":[{"name":"eth0","addresses":["dhcp4",""],"hwaddr":"aa:bb:cc:dd:ee:01"}]}""",
            "interface 0 address 1 has empty address" },
        { """{"interfaces":[{"name":"eth0","addresses":["10.0.0.1/24","dhcp"],"hwaddr":"aa:bb:cc:dd:ee:01"}]}""",
            "interface 0 address 1 invalid IP address 'dhcp'" },
        { """{"interfaces":[{"name":"eth0","addresses":["10.0.0.1/24\n"],"hwaddr":"aa:bb:cc:dd:ee:01"}]}""",
            "interface 0 address 0 invalid IP address '10.0.0.1/24\n'" },
        { """{"interfaces":[{"name":"eth0","required_for_online":"yes","hwaddr":"aa:bb:cc:dd:ee:01"}]}""",
            "interface 0 invalid RequiredForOnline value 'yes'" },
        { """{"interfaces":[{"name":"eth0","routes":[{"to":"","via":"10.0.0.1"}],"hwaddr":"aa:bb:cc:dd:ee:01"}]}""",
            "interface 0 route 0 'To' has empty address" },
        { """
            {"interfaces":[{"name":"eth0","routes":[{"to":"default","via":"10.0.0.1"}],"hwaddr":"aa:bb:cc:dd:ee:01"}]}
            """,
            "interface 0 route 0 'To' invalid IP address 'default'" },
        { """
            {"interfaces":[{"name":"eth0","routes":[{"to":"::/0","via":"slaac"},{"to":"::/0"}],
            "hwaddr":"aa:bb:cc:dd:ee:01"}]}
            """,
            "interface 0 route 1 'Via' has empty address" },
        { """{"interfaces":[{"name":"eth0","routes":[{"to":"::/0","via":"gw"}],"hwaddr":"aa:bb:cc:dd:ee:01"}]}""",
            "interface 0 route 0 'Via' invalid IP address 'gw'" },
        { """{"interfaces":[{"name":"eth0"}]}""", "interface 0 has no MAC address" },
        { """
            {"interfaces":[{"name":"eth0","hwaddr":"aa:bb:cc:dd:ee"}]}
            """, "interface 0 invalid MAC address 'aa:bb:cc:dd:ee'" },
        { """{"interfaces":[{"name":"eth0","hwaddr":"aa-bb-cc-dd-ee-01"}]}""",
            "interface 0 invalid MAC address 'aa-bb-cc-dd-ee-01'" },
        { """{"bonds":[{"mode":"802.3ad","members":["aa:bb:cc:dd:ee:02"]}]}""", "bond 0 has no name" },
        { """{"bonds":[{"name":"_b","mode":"802.3ad","members":["aa:bb:cc:dd:ee:02"]}]}""",
            "bond 0 name cannot begin with an underscore" },
        { """
            {"bonds":[{"name":"abcdefghijklmn","mode":"802.3ad"}]}
            """, "bond 0 name cannot be longer than 13 characters" },
        { """
            {"bonds":[{"name":"b","mode":"lacp","members":["aa:bb:cc:dd:ee:02"]}]}
            """, "bond 0 invalid Mode value 'lacp'" },
        { """{"bonds":[{"name":"b","members":["aa:bb:cc:dd:ee:02"]}]}""", "bond 0 invalid Mode value ''" },
        { """{"bonds":[{"name":"b","mode":"802.3ad","mtu":10000}]}""", "bond 0 MTU out of range" },
        { """{"bonds":[{"name":"b","mode":"802.3ad","roles":["cluster","x"]}]}""", "bond 0 role \"x\" is unsupported" },
        { """
            {"bonds":[{"name":"b","mode":"802.3ad","addresses":["zz"]}]}
            """, "bond 0 address 0 invalid IP address 'zz'" },
        { """{"bonds":[{"name":"b","mode":"802.3ad","required_for_online":"all"}]}""",
            "bond 0 invalid RequiredForOnline value 'all'" },
        { """{"bonds":[{"name":"b","mode":"802.3ad","routes":[{"to":"x","via":"1.1.1.1"}]}]}""",
            "bond 0 route 0 'To' invalid IP address 'x'" },
        { """{"bonds":[{"name":"b","mode":"802.3ad","hwaddr":"nope","members":["aa:bb:cc:dd:ee:02"]}]}""",
            "bond 0 invalid MAC address 'nope'" },
        { """{"bonds":[{"name":"b","mode":"802.3ad"}]}""", "bond 0 has no members" },
        { """{"bonds":[{"name":"b","mode":"802.3ad","members":["aa:bb:cc:dd:ee:02",""]}]}""",
            "bond 0 member 1 has no MAC address" },
        { """
            {"bonds":[{"name":"b","mode":"802.3ad","members":["eth1"]}]}
            """, "bond 0 member 0 invalid MAC address 'eth1'" },
        { $$"""{"interfaces":[{{Nic}}],"vlans":[{"parent":"eth0","id":1}]}""", "vlan 0 has no name" },
        { $$"""{"interfaces":[{{Nic}}],"vlans":[{"name":"_v","parent":"eth0","id":1}]}""",
            "vlan 0 name cannot begin with an underscore" },
        { $$"""{"interfaces":[{{Nic}}],"vlans":[{"name":"abcdefghijklmn","parent":"eth0"}]}""",
            "vlan 0 name cannot be longer than 13 characters" },
        { $$"""{"interfaces":[{{Nic}}],"vlans":[{"name":"v","id":1}]}""", "vlan 0 has no parent" },
        { $$"""{"interfaces":[{{Nic}}],"vlans":[{"name":"v","parent":"eth9","id":1}]}""",
            "vlan 0 unable to find parent 'eth9'" },
        { $$"""
            {"interfaces":[{{Nic}}],"vlans":[{"name":"v","parent":"eth0","id":1},{"name":"w","parent":"v","id":2}]}
            """,
            "vlan 1 unable to find parent 'v'" },
        { $$"""
            {"interfaces":[{{Nic}}],"vlans":[{"name":"v","parent":"eth0","id":-1}]}
            """, "vlan 0 ID -1 out of range" },
        { $$"""
            {"interfaces":[{{Nic}}],"vlans":[{"name":"v","parent":"eth0","id":4095}]}
            """, "vlan 0 ID 4095 out of range" },
        { $$"""{"interfaces":[{{Nic}}],"vlans":[{"name":"v","parent":"eth0","id":2,"mtu":9001}]}""",
            "vlan 0 MTU out of range" },
        { $$"""{"interfaces":[{{Nic}}],"vlans":[{"name":"v","parent":"eth0","id":2,"roles":["a"]}]}""",
            "vlan 0 role \"a\" is unsupported" },
        { $$"""{"interfaces":[{{Nic}}],"vlans":[{"name":"v","parent":"eth0","id":2,"addresses":[""]}]}""",
            "vlan 0 address 0 has empty address" },
        { $$"""{"interfaces":[{{Nic}}],"vlans":[{"name":"v","parent":"eth0","id":2,"required_for_online":"x"}]}""",
            "vlan 0 invalid RequiredForOnline value 'x'" },
        { $$"""
            {"interfaces":[{{Nic}}],"vlans":[{"name":"v","parent":"eth0","id":2,"routes":[{"to":"1.0.0.0/8",
            "via":""}]}]}
            """,
            "vlan 0 route 0 'Via' has empty address" },
        // Order: the interface problem is reported before the bond's and the VLAN's.
        { $$"""{"interfaces":[{"name":"eth0"}],"bonds":[{"name":"b"}],"vlans":[{"name":"v"}]}""",
            "interface 0 has no MAC address" },
        // Order inside one device: name before MTU before roles before addresses.
        { """{"interfaces":[{"name":"","mtu":-5,"roles":["x"],"addresses":[""]}]}""", "interface 0 has no name" },
        { """{"interfaces":[{"name":"e","mtu":-5,"roles":["x"],"addresses":[""]}]}""", "interface 0 MTU out of range" },
        { """{"interfaces":[{"name":"e","roles":["x"],"addresses":[""]}]}""", "interface 0 role \"x\" is unsupported" },
        { """{"interfaces":[{"name":"e","addresses":[""],"required_for_online":"x"}]}""",
            "interface 0 address 0 has empty address" },
        { """{"interfaces":[{"name":"e","required_for_online":"x","routes":[{"to":""}]}]}""",
            "interface 0 invalid RequiredForOnline value 'x'" },
        { """{"interfaces":[{"name":"e","routes":[{"to":""}]}]}""", "interface 0 route 0 'To' has empty address" },
    };

    public static TheoryData<string> Passes() => new()
    {
        // Character-class check only: these pass (network.md §4 note).
        """{"interfaces":[{"name":"e","addresses":["abc","1.2.3.4/99","::::"],"hwaddr":"AA:BB:CC:DD:EE:FF"}]}""",
        """
        {"interfaces":[{"name":"e","routes":[{"to":"dhcp4","via":"dhcp6"},{"to":"slaac","via":"slaac"}],
        "hwaddr":"aa:bb:cc:dd:ee:ff"}]}
        """,
        """{"interfaces":[{"name":"abcdefghijklm","mtu":9000,"hwaddr":"aa:bb:cc:dd:ee:ff","vlan_tags":[-1,99999]}]}""",
        """
        {"interfaces":[{"name":"e","mtu":0,"roles":["management","cluster","instances","storage"],
        "hwaddr":"aa:bb:cc:dd:ee:ff"}]}
        """,
        $$"""
        {"interfaces":[{{Nic}}],"vlans":[{"name":"v0","parent":"eth0","id":0},{"name":"v1","parent":"eth0",
        "id":4094}]}
        """,
        $$"""{"bonds":[{{Bond}}],"vlans":[{"name":"v","parent":"bond0","id":5}]}""",
        // Not validated: duplicate MACs, shared members, members used as interfaces, DNS and NTP.
        """
        {"dns":{"hostname":"!!"},"ntp":{"timeservers":[""]},"interfaces":[{"name":"a","hwaddr":"aa:bb:cc:dd:ee:01"},
        {"name":"b","hwaddr":"aa:bb:cc:dd:ee:01"}],"bonds":[{"name":"c","mode":"broadcast",
        "members":["aa:bb:cc:dd:ee:01"]},{"name":"d","mode":"balance-rr","members":["aa:bb:cc:dd:ee:01"]}]}
        """,
        """{"interfaces":[{"name":"e","required_for_online":"","hwaddr":"aa:bb:cc:dd:ee:ff"}]}""",
        """{"interfaces":[{"name":"e","required_for_online":"both","hwaddr":"aa:bb:cc:dd:ee:ff"}]}""",
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Validate_InvalidConfig_ReturnsReferenceMessage(string json, string expected)
    {
        var config = JsonConvert.DeserializeObject<SystemNetworkConfig>(json, WireJson.Settings);

        var error = NetworkValidator.Validate(config);

        Assert.Equal(expected, error);
    }

    [Theory]
    [MemberData(nameof(Passes))]
    public void Validate_AcceptedConfig_ReturnsNull(string json)
    {
        var config = JsonConvert.DeserializeObject<SystemNetworkConfig>(json, WireJson.Settings);

        var error = NetworkValidator.Validate(config);

        Assert.Null(error);
    }

    [Fact]
    public void Validate_NullConfig_ReturnsNoConfiguration()
    {
        var error = NetworkValidator.Validate(null);

        Assert.Equal("no network configuration provided", error);
    }

    [Theory]
    [InlineData("balance-rr")]
    [InlineData("active-backup")]
    [InlineData("balance-xor")]
    [InlineData("broadcast")]
    [InlineData("802.3ad")]
    [InlineData("balance-tlb")]
    [InlineData("balance-alb")]
    public void Validate_EachBondMode_IsAccepted(string mode)
    {
        var config = new SystemNetworkConfig
        {
            Bonds = [new SystemNetworkBond { Name = "b", Mode = mode, Members = ["aa:bb:cc:dd:ee:01"] }],
        };

        Assert.Null(NetworkValidator.Validate(config));
    }
}
