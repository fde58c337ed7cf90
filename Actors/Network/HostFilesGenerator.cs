namespace IncusOs.Actors.Network;

/// <summary>The text of <c>/etc/hosts</c> and <c>timesyncd.conf</c> (network.md §5 step 5, §5.3).</summary>
public static class HostFilesGenerator
{
    /// <summary>The proxy variables written to <c>/etc/environment</c> when a proxy is configured.</summary>
    public const string ProxyEnvironment =
        "http_proxy=http://localhost:3128\nhttps_proxy=http://localhost:3128\n";

    public static string Hosts(string hostname) =>
        $"127.0.0.1\tlocalhost\n127.0.1.1\t{hostname}\n\n"
        + "# The following lines are desirable for IPv6 capable hosts\n"
        + "::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n";

    /// <summary>The timesyncd drop-in, or null when the file must be removed.</summary>
    public static string? Timesyncd(SystemNetworkConfig config) =>
        config.Ntp is { Timeservers.Count: > 0 } ntp
            ? $"[Time]\nFallbackNTP={string.Join(' ', ntp.Timeservers)}\n"
            : null;

    /// <summary>The preferred hostname of system.md §2 when the config names one, else null.</summary>
    public static string? ConfiguredHostname(SystemNetworkConfig? config) =>
        config?.Dns is { Hostname.Length: > 0 } dns
            ? dns.Domain.Length > 0 ? $"{dns.Hostname}.{dns.Domain}" : dns.Hostname
            : null;
}
