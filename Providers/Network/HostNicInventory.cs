using Newtonsoft.Json.Linq;

namespace IncusOs.Providers.Network;

/// <summary>The NICs of a real machine from <c>ip -j link show</c>: every ethernet link except loopback.</summary>
public sealed class HostNicInventory : INicInventory
{
    private readonly NetworkCommands _commands;

    public HostNicInventory(NetworkCommands commands)
    {
        _commands = commands;
    }

    public async Task<IReadOnlyList<NicInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var json = await _commands.RunAsync("ip", ["-j", "link", "show"], cancellationToken).ConfigureAwait(false);

        return Parse(json);
    }

    public static IReadOnlyList<NicInfo> Parse(string json) =>
        JArray.Parse(json)
            .Where(l => (string?)l["ifname"] != "lo" && (string?)l["link_type"] == "ether")
            .Select(l => new NicInfo(
                (string?)l["ifname"] ?? string.Empty,
                (string?)l["permaddr"] ?? (string?)l["address"] ?? string.Empty))
            .ToList();
}
