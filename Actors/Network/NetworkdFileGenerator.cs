using System.Text;
using IncusOs.Providers.Network;

namespace IncusOs.Actors.Network;

/// <summary>
/// The systemd-networkd files of network.md §5.1, byte for byte: <c>.link</c> files, then
/// <c>.netdev</c>, then <c>.network</c>, each list in the reference's order. Pure; the config must be
/// valid (<see cref="NetworkValidator"/>).
/// </summary>
public static class NetworkdFileGenerator
{
    public static IReadOnlyList<NetworkFile> Generate(SystemNetworkConfig config)
    {
        var vlansByParent = config.Vlans.ToLookup(v => v.Parent, StringComparer.Ordinal);
        var capacity = config.Interfaces.Count * 7 + config.Bonds.Count * 8 + config.Vlans.Count * 2;
        var files = new List<NetworkFile>(capacity);
        Links(config, files);
        Netdevs(config, files);
        Networks(config, vlansByParent, files);

        return files;
    }

    /// <summary>The MAC as networkd names use it: colons removed, lower case.</summary>
    public static string Compact(string mac) => mac.Replace(":", string.Empty).ToLowerInvariant();

    /// <summary>The MAC of a bond's host side: its own, or its first member's.</summary>
    public static string BondMac(SystemNetworkBond bond) =>
        bond.Hwaddr.Length > 0 ? bond.Hwaddr : bond.Members.Count > 0 ? bond.Members[0] : string.Empty;

    private static void Links(SystemNetworkConfig config, List<NetworkFile> files)
    {
        foreach (var nic in config.Interfaces)
        {
            var mac = Compact(nic.Hwaddr);
            files.Add(new($"00-_p{mac}.link",
                $"[Match]\nPermanentMACAddress={nic.Hwaddr}\n\n[Link]\nMACAddressPolicy=random\n"
                + $"NamePolicy=\nName=_p{mac}\n"));
        }

        foreach (var member in config.Bonds.SelectMany(b => b.Members))
        {
            var mac = Compact(member);
            files.Add(new($"01-_p{mac}.link",
                $"[Match]\nPermanentMACAddress={member}\n\n[Link]\nNamePolicy=\nName=_p{mac}\n"));
        }
    }

    private static void Netdevs(SystemNetworkConfig config, List<NetworkFile> files)
    {
        foreach (var nic in config.Interfaces)
        {
            files.Add(new($"10-{nic.Name}.netdev", Bridge(nic.Name, nic.Mtu)));
            files.Add(new($"10-_v{nic.Name}.netdev", Veth(nic.Name, nic.Hwaddr, nic.Mtu)));
        }

        foreach (var bond in config.Bonds)
        {
            files.Add(new($"11-_b{bond.Name}.netdev",
                $"[NetDev]\nName=_b{bond.Name}\nKind=bond\n{MtuLine(bond.Mtu)}\n\n[Bond]\nMode={bond.Mode}\n"));
            files.Add(new($"11-{bond.Name}.netdev", Bridge(bond.Name, bond.Mtu)));
            files.Add(new($"11-_v{bond.Name}.netdev", Veth(bond.Name, BondMac(bond), bond.Mtu)));
        }

        foreach (var vlan in config.Vlans)
        {
            files.Add(new($"12-{vlan.Name}.netdev",
                $"[NetDev]\nName={vlan.Name}\nKind=vlan\n{MtuLine(vlan.Mtu)}\n\n[VLAN]\nId={vlan.Id}\n"));
        }
    }

    private static void Networks(
        SystemNetworkConfig config, ILookup<string, SystemNetworkVlan> vlansByParent, List<NetworkFile> files)
    {
        foreach (var nic in config.Interfaces)
        {
            var mac = Compact(nic.Hwaddr);
            var children = vlansByParent[nic.Name].ToList();
            var vlanBlock = BridgeVlans(nic.VlanTags, children);
            var host = new HostSide(nic.Addresses, nic.RequiredForOnline, nic.Routes);
            files.Add(new($"20-_v{nic.Name}.network", HostTemplate($"_v{nic.Name}", host, children, config)));
            files.Add(new($"20-_i{mac}.network", BridgePort(mac, nic.Name, vlanBlock)));
            var lldp = nic.Lldp ? "true" : "false";
            files.Add(new($"20-_p{mac}.network",
                $"[Match]\nName=_p{mac}\n\n[Network]\nLLDP={lldp}\nEmitLLDP={lldp}\nBridge={nic.Name}\n{vlanBlock}"
                + MtuSection(nic.Mtu)));
            files.Add(new($"20-{nic.Name}.network", BridgeNetwork(nic.Name, nic.Mtu)));
        }

        foreach (var bond in config.Bonds)
        {
            var mac = Compact(BondMac(bond));
            var children = vlansByParent[bond.Name].ToList();
            var vlanBlock = BridgeVlans(bond.VlanTags, children);
            var host = new HostSide(bond.Addresses, bond.RequiredForOnline, bond.Routes);
            files.Add(new($"21-_v{bond.Name}.network", HostTemplate($"_v{bond.Name}", host, children, config)));
            files.Add(new($"21-_i{mac}.network", BridgePort(mac, bond.Name, vlanBlock)));
            files.Add(new($"21-_b{bond.Name}.network",
                $"[Match]\nName=_b{bond.Name}\n\n[Network]\nLinkLocalAddressing=no\nConfigureWithoutCarrier=yes\n"
                + $"Bridge={bond.Name}\n{vlanBlock}"));
            files.Add(new($"21-{bond.Name}.network", BridgeNetwork(bond.Name, 0)));
            var lldp = bond.Lldp ? "true" : "false";
            for (var j = 0; j < bond.Members.Count; j++)
            {
                files.Add(new($"21-_b{bond.Name}-dev{j}.network",
                    $"[Match]\nName=_p{Compact(bond.Members[j])}\n\n[Network]\nLLDP={lldp}\nEmitLLDP={lldp}\n"
                    + $"Bond=_b{bond.Name}\n"));
            }
        }

        foreach (var vlan in config.Vlans)
        {
            var host = new HostSide(vlan.Addresses, vlan.RequiredForOnline, vlan.Routes);
            files.Add(new($"22-{vlan.Name}.network", HostTemplate(vlan.Name, host, [], config)));
        }
    }

    private static string Bridge(string name, int mtu) =>
        $"[NetDev]\nName={name}\nKind=bridge\n{MtuLine(mtu)}\n\n[Bridge]\nVLANFiltering=true\n";

    private static string Veth(string name, string mac, int mtu) =>
        $"[NetDev]\nName=_v{name}\nKind=veth\nMACAddress={mac}\n{MtuLine(mtu)}\n\n[Peer]\nName=_i{Compact(mac)}\n";

    private static string BridgeNetwork(string name, int mtu) =>
        $"[Match]\nName={name}\n\n[Network]\nLinkLocalAddressing=no\nConfigureWithoutCarrier=yes\n" + MtuSection(mtu);

    private static string BridgePort(string mac, string bridge, string vlanBlock) =>
        $"[Match]\nName=_i{mac}\n\n[Network]\nBridge={bridge}\n{vlanBlock}";

    private static string MtuLine(int mtu) => mtu != 0 ? $"MTUBytes={mtu}" : string.Empty;

    private static string MtuSection(int mtu) => mtu != 0 ? $"[Link]\nMTUBytes={mtu}\n" : string.Empty;

    private static string HostTemplate(
        string match, HostSide host, IReadOnlyList<SystemNetworkVlan> children, SystemNetworkConfig config)
    {
        var text = new StringBuilder(512);
        text.Append("[Match]\nName=").Append(match).Append("\n\n[Link]\n");
        if (host.Addresses.Count == 0 || host.RequiredForOnline == "no")
        {
            text.Append("RequiredForOnline=no\n");
        }
        else
        {
            var family = host.RequiredForOnline.Length > 0 ? host.RequiredForOnline : "any";
            text.Append("RequiredForOnline=yes\nRequiredFamilyForOnline=").Append(family).Append('\n');
        }

        text.Append("\n[DHCP]\nClientIdentifier=mac\nRouteMetric=100\nUseMTU=true\n\n[Network]\n");
        foreach (var vlan in children)
        {
            text.Append("VLAN=").Append(vlan.Name).Append('\n');
        }

        if (config.Dns is { } dns)
        {
            if (dns.SearchDomains.Count > 0)
            {
                text.Append("Domains=").AppendJoin(' ', dns.SearchDomains).Append('\n');
            }

            foreach (var server in dns.Nameservers)
            {
                text.Append("DNS=").Append(server).Append('\n');
            }
        }

        foreach (var server in config.Ntp?.Timeservers ?? [])
        {
            text.Append("NTP=").Append(server).Append('\n');
        }

        AddressSection(text, host.Addresses);
        foreach (var route in host.Routes)
        {
            var gateway = route.Via switch
            {
                "dhcp4" => "_dhcp4",
                "slaac" => "_ipv6ra",
                _ => route.Via,
            };
            text.Append("\n[Route]\nGateway=").Append(gateway).Append("\nDestination=").Append(route.To).Append('\n');
        }

        return text.ToString();
    }

    private static void AddressSection(StringBuilder text, IReadOnlyList<string> addresses)
    {
        text.Append(addresses.Count > 0
            ? "LinkLocalAddressing=ipv6\n"
            : "LinkLocalAddressing=no\nConfigureWithoutCarrier=yes\n");
        bool dhcp4 = false, dhcp6 = false, slaac = false;
        foreach (var address in addresses)
        {
            switch (address)
            {
                case "dhcp4":
                    dhcp4 = true;
                    break;
                case "dhcp6":
                    dhcp6 = true;
                    break;
                case "slaac":
                    slaac = true;
                    break;
                default:
                    text.Append("Address=").Append(address).Append('\n');
                    break;
            }
        }

        text.Append(slaac ? "IPv6AcceptRA=true\n" : "IPv6AcceptRA=false\n");
        if (dhcp4 || dhcp6)
        {
            text.Append(dhcp4 && dhcp6 ? "DHCP=yes\n" : dhcp4 ? "DHCP=ipv4\n" : "DHCP=ipv6\n");
        }
    }

    private static string BridgeVlans(IReadOnlyList<int> tags, IReadOnlyList<SystemNetworkVlan> children)
    {
        var all = new SortedSet<int>(tags);
        foreach (var vlan in children)
        {
            all.Add(vlan.Id);
        }

        if (all.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        if (children.Count > 0)
        {
            var pvid = children[^1].Id;
            text.Append("\n[BridgeVLAN]\nPVID=").Append(pvid).Append("\nEgressUntagged=").Append(pvid).Append('\n');
        }

        foreach (var tag in all)
        {
            text.Append("\n[BridgeVLAN]\nVLAN=").Append(tag).Append('\n');
        }

        return text.ToString();
    }

    private sealed record HostSide(
        IReadOnlyList<string> Addresses, string RequiredForOnline, IReadOnlyList<SystemNetworkRoute> Routes);
}
