using System.Net;
using System.Net.Sockets;
using IncusOs.Providers.Files;
using Microsoft.Extensions.Logging;

namespace IncusOs.Providers.Network;

/// <summary>
/// The apply sequence of network.md §5 on a real host, through systemd over D-Bus. A host where
/// systemd is not PID 1 cannot run networkd, so the apply is refused there before anything changes.
/// </summary>
public sealed class HostNetworkApplier : INetworkApplier
{
    private const string KpxUnit = "kpx.service";

    private readonly INetworkdControl _systemd;
    private readonly NetworkCommands _commands;
    private readonly HostNetworkStateReader _state;
    private readonly NetworkOptions _options;
    private readonly ILogger<HostNetworkApplier> _logger;

    public HostNetworkApplier(
        INetworkdControl systemd,
        NetworkCommands commands,
        HostNetworkStateReader state,
        NetworkOptions options,
        ILogger<HostNetworkApplier> logger)
    {
        _systemd = systemd;
        _commands = commands;
        _state = state;
        _options = options;
        _logger = logger;
    }

    public async Task ApplyAsync(NetworkApplyPlan plan, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_options.SystemdRuntimeDirectory))
        {
            throw new ProviderException(
                "cannot apply the network configuration: systemd is not running as PID 1 on this host ("
                + _options.SystemdRuntimeDirectory + " does not exist), so systemd-networkd cannot be used");
        }

        await _systemd.SetHostnameAsync(plan.Hostname, cancellationToken).ConfigureAwait(false);
        await ApplyProxyAsync(plan.Proxy, cancellationToken).ConfigureAwait(false);

        NetworkdFilesWriter.Replace(_options.NetworkdDirectory, plan.NetworkdFiles);
        if (plan.Timesyncd is { } timesyncd)
        {
            AtomicFile.WriteText(_options.TimesyncdFile, timesyncd, NetworkdFilesWriter.FileMode);
        }
        else
        {
            File.Delete(_options.TimesyncdFile);
        }

        AtomicFile.WriteText(_options.HostsFile, plan.Hosts, NetworkdFilesWriter.FileMode);

        if (_options.WaitForRenames)
        {
            await WaitForRenamesAsync(plan, cancellationToken).ConfigureAwait(false);
        }

        if (_options.RestartNetworkd)
        {
            await _systemd.RestartUnitAsync("systemd-networkd.service", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _systemd.ReloadNetworkdAsync(cancellationToken).ConfigureAwait(false);
        }

        await _systemd.RestartUnitAsync("systemd-timesyncd.service", cancellationToken).ConfigureAwait(false);
        await WaitOnlineAsync(plan, cancellationToken).ConfigureAwait(false);
        await CheckConnectivityAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ApplyProxyAsync(ProxyPlan? proxy, CancellationToken cancellationToken)
    {
        File.Delete(_options.EnvironmentFile);
        if (proxy is null)
        {
            Environment.SetEnvironmentVariable("http_proxy", null);
            Environment.SetEnvironmentVariable("https_proxy", null);
            try
            {
                await _systemd.StopUnitAsync(KpxUnit, cancellationToken).ConfigureAwait(false);
            }
            catch (ProviderException ex)
            {
                // The reference ignores this failure: kpx may not be installed or running.
                _logger.LogDebug(ex, "Stopping {Unit} failed", KpxUnit);
            }

            return;
        }

        AtomicFile.WriteText(_options.EnvironmentFile, proxy.Environment, NetworkdFilesWriter.FileMode);
        Environment.SetEnvironmentVariable("http_proxy", "http://localhost:3128");
        Environment.SetEnvironmentVariable("https_proxy", "http://localhost:3128");
        AtomicFile.WriteText(_options.KpxFile, proxy.KpxYaml, NetworkdFilesWriter.FileMode);
        await _systemd.StartUnitAsync(KpxUnit, cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitForRenamesAsync(NetworkApplyPlan plan, CancellationToken cancellationToken)
    {
        var expected = plan.Links.SelectMany(l => l.Nics)
            .Select(mac => "_p" + mac.Replace(":", string.Empty).ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var deadline = DateTime.UtcNow + _options.RenameTimeout;
        while (true)
        {
            await _commands.RunAsync("udevadm", ["trigger", "--action=add", "--subsystem-match=net"], cancellationToken)
                .ConfigureAwait(false);
            await _commands.RunAsync("udevadm", ["settle"], cancellationToken).ConfigureAwait(false);
            if (expected.All(name => Directory.Exists(Path.Combine(_options.SysClassNet, name))))
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new ProviderException("timed out waiting for udev to rename interface(s)");
            }

            await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitOnlineAsync(NetworkApplyPlan plan, CancellationToken cancellationToken)
    {
        var pending = plan.Links.Where(l => l.RequiredForOnline).ToList();
        var deadline = DateTime.UtcNow + _options.OnlineTimeout;
        while (pending.Count > 0)
        {
            var still = new List<LinkPlan>();
            foreach (var link in pending)
            {
                if (!await IsOnlineAsync(link, cancellationToken).ConfigureAwait(false))
                {
                    still.Add(link);
                }
            }

            pending = still;
            if (pending.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new ProviderException(
                    "timed out waiting for network to come online ("
                    + string.Join(", ", pending.Select(l => l.Device)) + ")");
            }

            await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Online as networkd says, and carrying what this apply configured: every static address (or a
    /// dynamic one when only DHCP/SLAAC is configured) and every IPv4 route with a literal gateway. These
    /// checks keep a reload's stale state (networkd answers before it has reconfigured the link) from
    /// passing for the new config.
    /// </summary>
    private async Task<bool> IsOnlineAsync(LinkPlan link, CancellationToken cancellationToken)
    {
        try
        {
            var state = await _systemd.GetLinkStateAsync(link.Device, cancellationToken).ConfigureAwait(false);
            if (state is not { Online: "online", Administrative: "configured" })
            {
                return false;
            }

            var present = await _state.ReadAddressDetailsAsync(link.Device, cancellationToken).ConfigureAwait(false);
            var statics = link.Addresses.Where(a => a is not ("dhcp4" or "dhcp6" or "slaac"))
                .Select(a => Normalize(a.Split('/')[0]))
                .ToList();

            var addressed = statics.Count > 0
                ? statics.All(a => present.Any(p => Normalize(p.Address) == a))
                : present.Any(p => p.Dynamic);
            if (!addressed)
            {
                return false;
            }

            var wanted = link.Routes
                .Where(r => IPAddress.TryParse(r.Via, out var via) && via.AddressFamily == AddressFamily.InterNetwork)
                .Select(r => r.To == "0.0.0.0/0" ? "default" : r.To)
                .ToList();
            if (wanted.Count == 0)
            {
                return true;
            }

            var routes = await _state.ReadRoutesAsync(link.Device, cancellationToken).ConfigureAwait(false);

            return wanted.All(to => routes.Any(r => r.To == to));
        }
        catch (ProviderException ex)
        {
            // A link that networkd has not created yet counts as offline, as in the reference.
            _logger.LogDebug(ex, "Link {Device} is not readable yet", link.Device);

            return false;
        }
    }

    private static string Normalize(string address) =>
        IPAddress.TryParse(address, out var parsed) ? parsed.ToString() : address;

    private async Task CheckConnectivityAsync(CancellationToken cancellationToken)
    {
        if (_options.ConnectivityTarget is not { } target)
        {
            return;
        }

        var deadline = DateTime.UtcNow + _options.ConnectivityTimeout;
        while (true)
        {
            try
            {
                var addresses = await Dns.GetHostAddressesAsync(target, cancellationToken).ConfigureAwait(false);
                if (addresses.Length > 0)
                {
                    return;
                }
            }
            catch (SocketException ex)
            {
                _logger.LogDebug(ex, "Resolving {Target} failed", target);
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new ProviderException($"timed out waiting for DNS to respond (resolving {target})");
            }

            await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
