using Microsoft.Extensions.Logging;

namespace IncusOs.Daemon;

/// <summary>How this daemon runs, from the command line (validated before the host is built).</summary>
public sealed record DaemonOptions
{
    public const string HostSocket = "/run/incus-os/unix.socket";

    public const string HostStateDirectory = "/var/lib/incus-os";

    /// <summary>Run against the simulated machine in the state directory instead of the host.</summary>
    public bool Simulate { get; init; }

    public string SocketPath { get; init; } = HostSocket;

    public string StateDirectory { get; init; } = HostStateDirectory;

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>The system bus address (host mode); null for the standard one.</summary>
    public string? SystemBusAddress { get; init; }

    /// <summary>A group whose members (by primary group) may use the socket besides root.</summary>
    public string? SocketGroup { get; init; }

    public string Mode => Simulate ? "simulated machine" : "host";
}
