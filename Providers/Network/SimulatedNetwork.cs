using System.Net;
using System.Security.Cryptography;
using System.Text;
using IncusOs.Providers.Files;
using IncusOs.Providers.Simulation;
using Newtonsoft.Json;

namespace IncusOs.Providers.Network;

/// <summary>
/// The network of the simulated machine. NICs come from <c>machine.json</c>; an apply gives each
/// configured device its static addresses and, for DHCP and SLAAC, an address derived from its MAC,
/// and records them with the host name in <c>machine/network.json</c>. A configured MAC the machine
/// does not have fails as a real host would (udev never renames it). Any config that validates is
/// applied, even one that cuts the management network off.
/// </summary>
public sealed class SimulatedNetwork : INetworkApplier, INetworkStateReader, IHostIdentity, INicInventory
{
    public const string FileName = "network.json";

    private readonly SimulatedMachine _machine;
    private readonly object _gate = new();

    public SimulatedNetwork(SimulatedMachine machine)
    {
        _machine = machine;
    }

    public Task ApplyAsync(NetworkApplyPlan plan, CancellationToken cancellationToken)
    {
        var nics = _machine.Document.Nics.ToDictionary(n => n.Mac.ToLowerInvariant(), StringComparer.Ordinal);
        if (plan.Links.SelectMany(l => l.Nics).Any(mac => !nics.ContainsKey(mac.ToLowerInvariant())))
        {
            throw new ProviderException("timed out waiting for udev to rename interface(s)");
        }

        var links = new SortedDictionary<string, SimulatedLink>(StringComparer.Ordinal);
        var mtus = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var link in plan.Links.Where(l => l.Kind != "vlan"))
        {
            var nic = nics[link.Nics[0].ToLowerInvariant()];
            var mtu = link.Mtu != 0 ? link.Mtu : nic.Mtu;
            mtus[link.Name] = mtu;
            links[link.Device] = Configured(link, link.Hwaddr, mtu, link.Kind == "interface" ? nic.SpeedMbit : 0);
            if (link.Kind == "bond")
            {
                foreach (var mac in link.Nics)
                {
                    var member = nics[mac.ToLowerInvariant()];
                    links[Member(mac)] = new SimulatedLink
                    {
                        Mtu = mtu, SpeedMbit = member.SpeedMbit, State = "enslaved", LocalMac = link.Hwaddr,
                        PermanentMac = member.Mac,
                    };
                }
            }
        }

        foreach (var link in plan.Links.Where(l => l.Kind == "vlan"))
        {
            links[link.Device] = Configured(link, VlanMac(link.Name), link.Mtu, 0);
        }

        lock (_gate)
        {
            var document = new SimulatedNetworkDocument { Hostname = plan.Hostname, Links = links };
            AtomicFile.WriteText(
                _machine.PathOf(FileName), JsonConvert.SerializeObject(document, Formatting.Indented) + "\n",
                AtomicFile.OwnerOnly);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, LinkObservation>> ReadAsync(
        IReadOnlyList<LinkQuery> links, CancellationToken cancellationToken)
    {
        var document = Load();
        var result = new Dictionary<string, LinkObservation>(StringComparer.Ordinal);
        foreach (var query in links)
        {
            if (!document.Links.TryGetValue(query.Device, out var link))
            {
                throw new ProviderException(
                    $"Failed to run: ip address show {query.Device}: exit status 1 "
                    + $"(Device \"{query.Device}\" does not exist.)");
            }

            result[query.Key] = new LinkObservation
            {
                Addresses = link.Addresses,
                Routes = link.Routes,
                Mtu = link.Mtu,
                Speed = HostNetworkStateReader.FormatSpeed(link.SpeedMbit),
                State = link.State,
                LocalMac = link.LocalMac,
                PermanentMac = link.PermanentMac,
            };
        }

        return Task.FromResult<IReadOnlyDictionary<string, LinkObservation>>(result);
    }

    /// <summary>The host name set by the last apply, or null before the first one.</summary>
    public string? CurrentHostname() => File.Exists(_machine.PathOf(FileName)) ? Load().Hostname : null;

    public string FallbackHostname()
    {
        var document = _machine.Document;
        if (document.ProductUuid.Length == 36)
        {
            return document.ProductUuid;
        }

        return document.MachineId.Length == 32 ? document.MachineId : document.Os.Name;
    }

    public Task<IReadOnlyList<NicInfo>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NicInfo>>(
            _machine.Document.Nics.Select(n => new NicInfo(n.Name, n.Mac)).ToList());

    private static SimulatedLink Configured(LinkPlan link, string mac, int mtu, long speed)
    {
        var addresses = new List<string>();
        var routes = new List<RoutePlan>();
        var dhcp4 = Dhcp4Address(link.Name, mac);
        foreach (var address in link.Addresses)
        {
            addresses.Add(address switch
            {
                "dhcp4" => dhcp4,
                "dhcp6" => IPAddress.Parse($"fd00::{Tail(mac, 4)}:{Tail(mac, 2)}").ToString(),
                "slaac" => Slaac(mac),
                _ => address.Split('/')[0],
            });
            if (address == "dhcp4")
            {
                routes.Add(new RoutePlan("default", string.Join('.', dhcp4.Split('.')[..3]) + ".1"));
            }
        }

        foreach (var route in link.Routes.Where(r => !r.Via.Contains(':') && r.Via is not ("slaac" or "dhcp6")))
        {
            var via = route.Via == "dhcp4" ? string.Join('.', dhcp4.Split('.')[..3]) + ".1" : route.Via;
            routes.Add(new RoutePlan(route.To == "0.0.0.0/0" ? "default" : route.To, via));
        }

        return new SimulatedLink
        {
            Addresses = addresses.Distinct().ToList(),
            Routes = routes.Distinct().ToList(),
            Mtu = mtu == 0 ? 1500 : mtu,
            SpeedMbit = speed,
            State = addresses.Count > 0 ? "routable" : "carrier",
            LocalMac = mac,
            PermanentMac = mac,
        };
    }

    private static string Member(string mac) => "_p" + mac.Replace(":", string.Empty).ToLowerInvariant();

    private static string Dhcp4Address(string name, string mac)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name + "/" + mac.ToLowerInvariant()));

        return $"10.{bytes[0] % 200 + 20}.{bytes[1]}.{bytes[2] % 250 + 2}";
    }

    private static string Slaac(string mac)
    {
        var b = mac.Split(':').Select(p => Convert.ToByte(p, 16)).ToArray();
        b[0] ^= 0x02;

        return IPAddress.Parse($"fd42::{b[0]:x2}{b[1]:x2}:{b[2]:x2}ff:fe{b[3]:x2}:{b[4]:x2}{b[5]:x2}").ToString();
    }

    private static string Tail(string mac, int skip)
    {
        var parts = mac.ToLowerInvariant().Split(':');

        return parts[^skip] + parts[^(skip - 1)];
    }

    private static string VlanMac(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name));

        return $"02:{bytes[0]:x2}:{bytes[1]:x2}:{bytes[2]:x2}:{bytes[3]:x2}:{bytes[4]:x2}";
    }

    private SimulatedNetworkDocument Load()
    {
        var path = _machine.PathOf(FileName);
        lock (_gate)
        {
            return File.Exists(path)
                ? JsonConvert.DeserializeObject<SimulatedNetworkDocument>(File.ReadAllText(path)) ?? new()
                : new();
        }
    }
}
