using IncusOs.Providers.Network;

namespace IncusOs.Actors.Network;

/// <summary>
/// The state document of network.md §6 from what the providers observed: which links to read for a
/// config, then types, MACs and roles from the config and the automatic <c>management</c> and
/// <c>cluster</c> roles. Pure.
/// </summary>
public static class NetworkStateBuilder
{
    /// <summary>The links to read: interfaces and bonds on their bridge's host side, members, VLANs.</summary>
    public static IReadOnlyList<LinkQuery> Queries(SystemNetworkConfig config)
    {
        var queries = new List<LinkQuery>();
        foreach (var nic in config.Interfaces)
        {
            queries.Add(new LinkQuery(nic.Name, "_v" + nic.Name, Nic(nic.Hwaddr)));
        }

        foreach (var bond in config.Bonds)
        {
            queries.Add(new LinkQuery(bond.Name, "_v" + bond.Name, null));
            foreach (var member in bond.Members)
            {
                queries.Add(new LinkQuery(Nic(member), Nic(member), Nic(member)));
            }
        }

        foreach (var vlan in config.Vlans)
        {
            queries.Add(new LinkQuery(vlan.Name, vlan.Name, null));
        }

        return queries;
    }

    public static SystemNetworkState Build(
        SystemNetworkConfig config, IReadOnlyDictionary<string, LinkObservation> seen)
    {
        var devices = new SortedDictionary<string, SystemNetworkInterfaceState>(StringComparer.Ordinal);
        foreach (var nic in config.Interfaces)
        {
            devices[nic.Name] = From(seen[nic.Name], "interface", nic.Hwaddr, nic.Roles);
        }

        foreach (var bond in config.Bonds)
        {
            var members = new SortedDictionary<string, SystemNetworkInterfaceState>(StringComparer.Ordinal);
            foreach (var member in bond.Members)
            {
                var observed = seen[Nic(member)];
                members[Nic(member)] = From(observed, string.Empty, string.Empty, []) with
                {
                    Lacp = new SystemNetworkLacp { LocalMac = observed.LocalMac, RemoteMac = observed.PermanentMac },
                };
            }

            devices[bond.Name] = From(seen[bond.Name], "bond", bond.Hwaddr, bond.Roles) with { Members = members };
        }

        foreach (var vlan in config.Vlans)
        {
            devices[vlan.Name] = From(seen[vlan.Name], "vlan", string.Empty, vlan.Roles);
        }

        AddAutomaticRoles(config, devices);

        return new SystemNetworkState { Interfaces = devices };
    }

    private static void AddAutomaticRoles(
        SystemNetworkConfig config, SortedDictionary<string, SystemNetworkInterfaceState> devices)
    {
        var configured = config.Interfaces.SelectMany(i => i.Roles)
            .Concat(config.Bonds.SelectMany(b => b.Roles))
            .Concat(config.Vlans.SelectMany(v => v.Roles))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var name in devices.Keys.ToList())
        {
            var device = devices[name];
            if (!configured.Contains("management") && device.State == "routable")
            {
                device = device with { Roles = [.. device.Roles, "management"] };
            }

            if (!configured.Contains("cluster") && device.Roles.Contains("management"))
            {
                device = device with { Roles = [.. device.Roles, "cluster"] };
            }

            devices[name] = device;
        }
    }

    private static SystemNetworkInterfaceState From(
        LinkObservation seen, string type, string hwaddr, IReadOnlyList<string> roles) => new()
    {
        Type = type,
        Addresses = seen.Addresses,
        Hwaddr = hwaddr,
        Routes = seen.Routes.Select(r => new SystemNetworkRoute { To = r.To, Via = r.Via }).ToList(),
        Mtu = seen.Mtu,
        Speed = seen.Speed,
        State = seen.State,
        Stats = new SystemNetworkInterfaceStats
        {
            RxBytes = seen.RxBytes, TxBytes = seen.TxBytes, RxErrors = seen.RxErrors, TxErrors = seen.TxErrors,
        },
        Lldp = seen.Lldp.Select(n => new SystemNetworkLldp
        {
            Name = n.Name, ChassisId = n.ChassisId, PortId = n.PortId, Port = n.Port,
        }).ToList(),
        Roles = roles,
    };

    private static string Nic(string mac) => "_p" + NetworkdFileGenerator.Compact(mac);
}
