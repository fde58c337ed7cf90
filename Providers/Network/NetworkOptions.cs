namespace IncusOs.Providers.Network;

/// <summary>
/// Where the host network provider writes and how long it waits. Defaults are the real host's paths
/// (network.md §5); tests point them at temporary directories and a test network namespace.
/// </summary>
public sealed record NetworkOptions
{
    public string NetworkdDirectory { get; init; } = "/run/systemd/network";

    public string TimesyncdFile { get; init; } = "/run/systemd/timesyncd.conf";

    public string HostsFile { get; init; } = "/etc/hosts";

    public string EnvironmentFile { get; init; } = "/etc/environment";

    public string KpxFile { get; init; } = "/etc/kpx.yaml";

    /// <summary>Exists only when systemd is PID 1 (sd_booted(3)); an apply is refused without it.</summary>
    public string SystemdRuntimeDirectory { get; init; } = "/run/systemd/system";

    public string SysClassNet { get; init; } = "/sys/class/net";

    /// <summary>
    /// A name that must resolve for an apply to succeed (the reference's <c>linuxcontainers.org</c>),
    /// or null for no connectivity check.
    /// </summary>
    public string? ConnectivityTarget { get; init; } = "linuxcontainers.org";

    /// <summary>
    /// Restart networkd (the reference) rather than reload it; a reload does not change existing netdevs.
    /// </summary>
    public bool RestartNetworkd { get; init; } = true;

    /// <summary>Wait for udev to rename NICs (network.md §5 step 6).</summary>
    public bool WaitForRenames { get; init; } = true;

    /// <summary>
    /// Words put before every <c>ip</c>/<c>networkctl</c>/<c>udevadm</c> command (empty on a host; a test runs
    /// them inside its namespaces with <c>nsenter</c>).
    /// </summary>
    public IReadOnlyList<string> CommandPrefix { get; init; } = [];

    /// <summary>Environment for those commands (a test's private system bus address).</summary>
    public IReadOnlyDictionary<string, string>? CommandEnvironment { get; init; }

    public TimeSpan RenameTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan OnlineTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectivityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);
}
