using IncusOs.Providers.Network;

namespace IncusOs.Actors.Network;

/// <summary>
/// The configuration used when none is stored (network.md §7): one interface per NIC, named as the OS
/// names it, with DHCPv4 and SLAAC and not required for online.
/// </summary>
public static class NetworkDefaults
{
    public static SystemNetworkConfig From(IReadOnlyList<NicInfo> nics) => new()
    {
        Interfaces = nics
            .Where(n => n.Name != "lo")
            .Select(n => new SystemNetworkInterface
            {
                Name = n.Name, Hwaddr = n.Mac, Addresses = ["dhcp4", "slaac"], RequiredForOnline = "no",
            })
            .ToList(),
    };
}
