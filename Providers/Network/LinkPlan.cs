namespace IncusOs.Providers.Network;

/// <summary>
/// One configured device as the providers need it: its configured name, the kernel link that carries
/// its addresses (<c>_v&lt;name&gt;</c> for interfaces and bonds, the name itself for VLANs), the NIC
/// MACs behind it, its addresses and routes, and whether an apply waits for it to come online.
/// </summary>
public sealed record LinkPlan
{
    public required string Name { get; init; }

    /// <summary><c>interface</c>, <c>bond</c> or <c>vlan</c>.</summary>
    public required string Kind { get; init; }

    public required string Device { get; init; }

    /// <summary>MAC of the host side (interfaces and bonds), empty for VLANs.</summary>
    public string Hwaddr { get; init; } = string.Empty;

    /// <summary>Permanent MACs of the NICs this device renames and uses.</summary>
    public IReadOnlyList<string> Nics { get; init; } = [];

    public IReadOnlyList<string> Addresses { get; init; } = [];

    public IReadOnlyList<RoutePlan> Routes { get; init; } = [];

    public int Mtu { get; init; }

    /// <summary>True when the generated file says <c>RequiredForOnline=yes</c>.</summary>
    public bool RequiredForOnline { get; init; }
}
