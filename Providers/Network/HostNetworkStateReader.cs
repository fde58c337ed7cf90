using System.Globalization;
using Newtonsoft.Json.Linq;

namespace IncusOs.Providers.Network;

/// <summary>
/// Live link state on a real machine (network.md §6): addresses, routes, MTU, MACs and counters from
/// <c>ip -j</c> (netlink), the operational state from networkd over D-Bus, the speed from sysfs and
/// LLDP neighbours from <c>networkctl lldp --json=short</c>.
/// </summary>
public sealed class HostNetworkStateReader : INetworkStateReader
{
    private readonly NetworkCommands _commands;
    private readonly INetworkdControl _networkd;
    private readonly NetworkOptions _options;

    public HostNetworkStateReader(NetworkCommands commands, INetworkdControl networkd, NetworkOptions options)
    {
        _commands = commands;
        _networkd = networkd;
        _options = options;
    }

    public async Task<IReadOnlyDictionary<string, LinkObservation>> ReadAsync(
        IReadOnlyList<LinkQuery> links, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, LinkObservation>(StringComparer.Ordinal);
        foreach (var link in links)
        {
            result[link.Key] = await ReadLinkAsync(link, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>The addresses of a link without prefix length, link-local ones left out.</summary>
    public async Task<IReadOnlyList<string>> ReadAddressesAsync(string device, CancellationToken cancellationToken)
    {
        var json = await _commands.RunAsync("ip", ["-j", "address", "show", "dev", device], cancellationToken)
            .ConfigureAwait(false);

        return ParseAddresses(json);
    }

    /// <summary>The addresses of a link with whether each is dynamic (DHCP or SLAAC), link-local left out.</summary>
    public async Task<IReadOnlyList<(string Address, bool Dynamic)>> ReadAddressDetailsAsync(
        string device, CancellationToken cancellationToken)
    {
        var json = await _commands.RunAsync("ip", ["-j", "address", "show", "dev", device], cancellationToken)
            .ConfigureAwait(false);

        return JArray.Parse(json).SelectMany(l => l["addr_info"] ?? new JArray())
            .Where(a => (string?)a["family"] is "inet" or "inet6")
            .Select(a => ((string?)a["local"] ?? string.Empty, (bool?)a["dynamic"] ?? false))
            .Where(a => a.Item1.Length > 0 && !a.Item1.StartsWith("169.254.", StringComparison.Ordinal)
                && !a.Item1.StartsWith("fe80:", StringComparison.OrdinalIgnoreCase))
            .ToList();
    }

    /// <summary>The IPv4 routes with a gateway on a link, as <c>ip -j route show dev</c> lists them.</summary>
    public async Task<IReadOnlyList<RoutePlan>> ReadRoutesAsync(string device, CancellationToken cancellationToken) =>
        ParseRoutes(await _commands.RunAsync("ip", ["-j", "route", "show", "dev", device], cancellationToken)
            .ConfigureAwait(false));

    public static IReadOnlyList<string> ParseAddresses(string json) =>
        JArray.Parse(json).SelectMany(l => l["addr_info"] ?? new JArray())
            .Where(a => (string?)a["family"] is "inet" or "inet6")
            .Select(a => (string?)a["local"] ?? string.Empty)
            .Where(a => a.Length > 0 && !a.StartsWith("169.254.", StringComparison.Ordinal)
                && !a.StartsWith("fe80:", StringComparison.OrdinalIgnoreCase))
            .ToList();

    public static IReadOnlyList<RoutePlan> ParseRoutes(string json) =>
        JArray.Parse(json)
            .Where(r => r["gateway"] is not null)
            .Select(r => new RoutePlan((string?)r["dst"] ?? string.Empty, (string?)r["gateway"] ?? string.Empty))
            .ToList();

    /// <summary>
    /// Neighbours from <c>networkctl lldp</c>: the JSON form (systemd 255 and later), or the table systemd
    /// 252 prints because it ignores <c>--json</c> for this verb (columns found by the header's offsets).
    /// </summary>
    public static IReadOnlyList<LldpNeighbour> ParseLldp(string output)
    {
        if (output.TrimStart().StartsWith('{'))
        {
            var first = JObject.Parse(output)["Neighbors"]?.FirstOrDefault();

            return (first?["Neighbors"] ?? new JArray())
                .Select(n => new LldpNeighbour(
                    (string?)n["SystemName"] ?? string.Empty,
                    (string?)n["ChassisID"] ?? string.Empty,
                    (string?)n["PortID"] ?? string.Empty,
                    (string?)n["PortDescription"] ?? string.Empty))
                .ToList();
        }

        var lines = output.Split('\n');
        var header = lines.FirstOrDefault(l => l.StartsWith("LINK", StringComparison.Ordinal));
        if (header is null)
        {
            return [];
        }

        string[] columns = ["CHASSIS-ID", "SYSTEM-NAME", "CAPS", "PORT-ID", "PORT-DESCRIPTION"];
        var starts = columns.Select(c => header.IndexOf(c, StringComparison.Ordinal)).ToArray();
        if (starts.Any(s => s < 0))
        {
            return [];
        }

        string Column(string line, int index)
        {
            var start = starts[index];
            var end = index + 1 < starts.Length ? starts[index + 1] : line.Length;

            return start >= line.Length ? string.Empty : line[start..Math.Min(end, line.Length)].Trim();
        }

        return lines.SkipWhile(l => l != header).Skip(1)
            .TakeWhile(l => l.Trim().Length > 0)
            .Select(l => new LldpNeighbour(Column(l, 1), Column(l, 0), Column(l, 3), Column(l, 4)))
            .ToList();
    }

    /// <summary>A link speed in Mbit/s as networkctl prints it: <c>100Mbps</c>, <c>1Gbps</c>, <c>2.5Gbps</c>.</summary>
    public static string FormatSpeed(long megabits) =>
        megabits <= 0 ? string.Empty
        : megabits < 1000 ? $"{megabits}Mbps"
        : (megabits / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + "Gbps";

    private async Task<LinkObservation> ReadLinkAsync(LinkQuery link, CancellationToken cancellationToken)
    {
        var addresses = await ReadAddressesAsync(link.Device, cancellationToken).ConfigureAwait(false);
        var routes = await ReadRoutesAsync(link.Device, cancellationToken).ConfigureAwait(false);
        var details = JArray.Parse(await _commands.RunAsync(
            "ip", ["-j", "-s", "link", "show", "dev", link.Device], cancellationToken).ConfigureAwait(false))[0];
        var state = await _networkd.GetLinkStateAsync(link.Device, cancellationToken).ConfigureAwait(false);
        var lldp = link.LldpDevice is { } nic
            ? ParseLldp(await _commands.RunAsync(
                "networkctl", ["lldp", "--json=short", nic], cancellationToken).ConfigureAwait(false))
            : [];
        var local = (string?)details["address"] ?? string.Empty;

        return new LinkObservation
        {
            Addresses = addresses,
            Routes = routes,
            Mtu = (int?)details["mtu"] ?? 0,
            Speed = ReadSpeed(link.Device),
            State = state?.Operational ?? "unmanaged",
            RxBytes = (long?)details["stats64"]?["rx"]?["bytes"] ?? 0,
            TxBytes = (long?)details["stats64"]?["tx"]?["bytes"] ?? 0,
            RxErrors = (long?)details["stats64"]?["rx"]?["errors"] ?? 0,
            TxErrors = (long?)details["stats64"]?["tx"]?["errors"] ?? 0,
            LocalMac = local,
            PermanentMac = (string?)details["permaddr"] ?? local,
            Lldp = lldp,
        };
    }

    private string ReadSpeed(string device)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(_options.SysClassNet, device, "speed")).Trim();

            return long.TryParse(text, out var megabits) ? FormatSpeed(megabits) : string.Empty;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Virtual links and links without carrier have no speed (the read fails with EINVAL).
            return string.Empty;
        }
    }
}
