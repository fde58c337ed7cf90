namespace IncusOs.Actors.Services;

/// <summary>
/// Where the services actor keeps its state and writes the services' files, and the spec's retry
/// pacing (services.md §3, §5, §6). Tests point <see cref="Root"/> at a temporary directory and
/// shorten the delays.
/// </summary>
public sealed record ServicesOptions
{
    /// <summary>The actor's own state file (config and state of the six services).</summary>
    public required string StateFile { get; init; }

    /// <summary>The file-system root the services' files are written under: <c>/</c> on a host.</summary>
    public string Root { get; init; } = "/";

    /// <summary>How many times iSCSI and NVMe discovery are tried per target.</summary>
    public int DiscoveryAttempts { get; init; } = 10;

    /// <summary>Pause between two discovery attempts.</summary>
    public TimeSpan DiscoveryRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The one deadline shared by every NVMe discovery of a start.</summary>
    public TimeSpan NvmeDiscoveryDeadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The deadline of <c>nvme connect-all</c>.</summary>
    public TimeSpan NvmeConnectDeadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Pause after <c>multipath -r</c> before multipathd is stopped.</summary>
    public TimeSpan MultipathSettle { get; init; } = TimeSpan.FromSeconds(1);
}
