using System.Text;
using System.Text.RegularExpressions;

namespace IncusOs.Actors.Network;

/// <summary>
/// The checks of network.md §4, in the reference's order; the first failure is the answer. Indexes in
/// messages are zero-based. The address check is the reference's character-class check only.
/// </summary>
public static partial class NetworkValidator
{
    private static readonly string[] Roles = ["management", "cluster", "instances", "storage"];
    private static readonly string[] OnlineValues = ["", "ipv6", "ipv4", "both", "any", "no"];
    private static readonly string[] BondModes =
        ["balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad", "balance-tlb", "balance-alb"];

    /// <summary>Returns the first problem with <paramref name="config"/>, or null when it is valid.</summary>
    public static string? Validate(SystemNetworkConfig? config)
    {
        if (config is null)
        {
            return "no network configuration provided";
        }

        return DuplicateName(config) ?? Interfaces(config) ?? Bonds(config) ?? Vlans(config);
    }

    public static bool IsMac(string value) => MacPattern().IsMatch(value);

    private static string? DuplicateName(SystemNetworkConfig config)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = config.Interfaces.Select(i => i.Name)
            .Concat(config.Bonds.Select(b => b.Name))
            .Concat(config.Vlans.Select(v => v.Name));
        foreach (var name in names)
        {
            if (!seen.Add(name))
            {
                return $"duplicate interface/bond/vlan name: {name}";
            }
        }

        return null;
    }

    private static string? Interfaces(SystemNetworkConfig config)
    {
        for (var i = 0; i < config.Interfaces.Count; i++)
        {
            var nic = config.Interfaces[i];
            var prefix = $"interface {i}";
            var error = Common(prefix, nic.Name, nic.Mtu, nic.Roles, nic.Addresses, nic.RequiredForOnline, nic.Routes)
                ?? Mac(prefix, nic.Hwaddr);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? Bonds(SystemNetworkConfig config)
    {
        for (var i = 0; i < config.Bonds.Count; i++)
        {
            var bond = config.Bonds[i];
            var prefix = $"bond {i}";
            var error = Name(prefix, bond.Name)
                ?? (BondModes.Contains(bond.Mode) ? null : $"{prefix} invalid Mode value '{bond.Mode}'")
                ?? Settings(prefix, bond.Mtu, bond.Roles, bond.Addresses, bond.RequiredForOnline, bond.Routes)
                ?? (bond.Hwaddr.Length > 0 ? Mac(prefix, bond.Hwaddr) : null)
                ?? Members(prefix, bond.Members);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? Vlans(SystemNetworkConfig config)
    {
        var parents = config.Interfaces.Select(i => i.Name).Concat(config.Bonds.Select(b => b.Name))
            .ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < config.Vlans.Count; i++)
        {
            var vlan = config.Vlans[i];
            var prefix = $"vlan {i}";
            var error = Name(prefix, vlan.Name)
                ?? Parent(prefix, vlan.Parent, parents)
                ?? (vlan.Id is < 0 or > 4094 ? $"{prefix} ID {vlan.Id} out of range" : null)
                ?? Settings(prefix, vlan.Mtu, vlan.Roles, vlan.Addresses, vlan.RequiredForOnline, vlan.Routes);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? Common(
        string prefix,
        string name,
        int mtu,
        IReadOnlyList<string> roles,
        IReadOnlyList<string> addresses,
        string requiredForOnline,
        IReadOnlyList<SystemNetworkRoute> routes) =>
        Name(prefix, name) ?? Settings(prefix, mtu, roles, addresses, requiredForOnline, routes);

    private static string? Settings(
        string prefix,
        int mtu,
        IReadOnlyList<string> roles,
        IReadOnlyList<string> addresses,
        string requiredForOnline,
        IReadOnlyList<SystemNetworkRoute> routes)
    {
        if (mtu is < 0 or > 9000)
        {
            return $"{prefix} MTU out of range";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            if (!Roles.Contains(role))
            {
                return $"{prefix} role \"{role}\" is unsupported";
            }

            if (!seen.Add(role))
            {
                return $"{prefix} role \"{role}\" is listed multiple times";
            }
        }

        for (var j = 0; j < addresses.Count; j++)
        {
            if (Address(addresses[j]) is { } problem)
            {
                return $"{prefix} address {j} {problem}";
            }
        }

        if (!OnlineValues.Contains(requiredForOnline))
        {
            return $"{prefix} invalid RequiredForOnline value '{requiredForOnline}'";
        }

        for (var k = 0; k < routes.Count; k++)
        {
            if (Address(routes[k].To) is { } to)
            {
                return $"{prefix} route {k} 'To' {to}";
            }

            if (Address(routes[k].Via) is { } via)
            {
                return $"{prefix} route {k} 'Via' {via}";
            }
        }

        return null;
    }

    private static string? Name(string prefix, string name)
    {
        if (name.Length == 0)
        {
            return $"{prefix} has no name";
        }

        if (name.StartsWith('_'))
        {
            return $"{prefix} name cannot begin with an underscore";
        }

        return Encoding.UTF8.GetByteCount(name) > 13 ? $"{prefix} name cannot be longer than 13 characters" : null;
    }

    private static string? Address(string address)
    {
        if (address.Length == 0)
        {
            return "has empty address";
        }

        if (address is "dhcp4" or "dhcp6" or "slaac")
        {
            return null;
        }

        return AddressPattern().IsMatch(address) ? null : $"invalid IP address '{address}'";
    }

    private static string? Mac(string prefix, string mac)
    {
        if (mac.Length == 0)
        {
            return $"{prefix} has no MAC address";
        }

        return IsMac(mac) ? null : $"{prefix} invalid MAC address '{mac}'";
    }

    private static string? Members(string prefix, IReadOnlyList<string> members)
    {
        if (members.Count == 0)
        {
            return $"{prefix} has no members";
        }

        for (var j = 0; j < members.Count; j++)
        {
            if (Mac($"{prefix} member {j}", members[j]) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? Parent(string prefix, string parent, HashSet<string> parents)
    {
        if (parent.Length == 0)
        {
            return $"{prefix} has no parent";
        }

        return parents.Contains(parent) ? null : $"{prefix} unable to find parent '{parent}'";
    }

    [GeneratedRegex(@"\A[.:0-9A-Fa-f]+(/[0-9]+)?\z")]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"\A[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}\z")]
    private static partial Regex MacPattern();
}
