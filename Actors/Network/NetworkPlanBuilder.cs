using IncusOs.Providers.Network;

namespace IncusOs.Actors.Network;

/// <summary>
/// Turns a configuration into what an apply writes and waits for. Pure. Validation and proxy
/// generation errors come back as the reference's messages; the proxy's default rule is added to the
/// returned config (network.md §5.2).
/// </summary>
public static class NetworkPlanBuilder
{
    public static PlannedNetwork Build(SystemNetworkConfig? config, string fallbackHostname)
    {
        if (NetworkValidator.Validate(config) is { } invalid)
        {
            return PlannedNetwork.Failed(invalid);
        }

        ProxyPlan? proxyPlan = null;
        if (config!.Proxy is { } proxy)
        {
            var generated = ProxyConfigGenerator.Generate(proxy);
            if (generated.Error is { } error)
            {
                return PlannedNetwork.Failed(error);
            }

            config = config with { Proxy = generated.Proxy };
            proxyPlan = new ProxyPlan(HostFilesGenerator.ProxyEnvironment, generated.Yaml!);
        }

        var hostname = HostFilesGenerator.ConfiguredHostname(config) ?? fallbackHostname;
        var plan = new NetworkApplyPlan
        {
            Hostname = hostname,
            NetworkdFiles = NetworkdFileGenerator.Generate(config),
            Timesyncd = HostFilesGenerator.Timesyncd(config),
            Hosts = HostFilesGenerator.Hosts(hostname),
            Proxy = proxyPlan,
            Links = Links(config),
        };

        return new PlannedNetwork(config, plan, null);
    }

    private static List<LinkPlan> Links(SystemNetworkConfig config)
    {
        var links = new List<LinkPlan>(config.Interfaces.Count + config.Bonds.Count + config.Vlans.Count);
        links.AddRange(config.Interfaces.Select(nic => new LinkPlan
        {
            Name = nic.Name, Kind = "interface", Device = "_v" + nic.Name, Hwaddr = nic.Hwaddr, Nics = [nic.Hwaddr],
            Addresses = nic.Addresses, Routes = Routes(nic.Routes), Mtu = nic.Mtu,
            RequiredForOnline = Required(nic.Addresses, nic.RequiredForOnline),
        }));
        links.AddRange(config.Bonds.Select(bond => new LinkPlan
        {
            Name = bond.Name, Kind = "bond", Device = "_v" + bond.Name, Hwaddr = NetworkdFileGenerator.BondMac(bond),
            Nics = bond.Members, Addresses = bond.Addresses, Routes = Routes(bond.Routes), Mtu = bond.Mtu,
            RequiredForOnline = Required(bond.Addresses, bond.RequiredForOnline),
        }));
        links.AddRange(config.Vlans.Select(vlan => new LinkPlan
        {
            Name = vlan.Name, Kind = "vlan", Device = vlan.Name, Addresses = vlan.Addresses,
            Routes = Routes(vlan.Routes), Mtu = vlan.Mtu,
            RequiredForOnline = Required(vlan.Addresses, vlan.RequiredForOnline),
        }));

        return links;
    }

    private static bool Required(IReadOnlyList<string> addresses, string requiredForOnline) =>
        addresses.Count > 0 && requiredForOnline != "no";

    private static List<RoutePlan> Routes(IReadOnlyList<SystemNetworkRoute> routes) =>
        routes.Select(r => new RoutePlan(r.To, r.Via)).ToList();
}
