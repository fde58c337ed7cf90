using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace IncusOs.Daemon;

/// <summary>
/// <c>incus-osd [--simulate] [--socket PATH] [--state-dir DIR] [--log-level LEVEL]</c>, with the
/// host defaults, or per-user defaults under <c>--simulate</c> that never touch the host paths.
/// </summary>
public static class CommandLine
{
    private static readonly Dictionary<string, LogLevel> Levels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["trace"] = LogLevel.Trace,
        ["debug"] = LogLevel.Debug,
        ["info"] = LogLevel.Information,
        ["information"] = LogLevel.Information,
        ["warn"] = LogLevel.Warning,
        ["warning"] = LogLevel.Warning,
        ["error"] = LogLevel.Error,
    };

    public static RootCommand Build(Func<DaemonOptions, CancellationToken, Task<int>> run, IReadOnlyDictionary<string, string?> environment)
    {
        var simulate = new Option<bool>("--simulate")
        {
            Description = "Run the full API against a simulated machine kept in the state directory (no root needed).",
        };
        var socket = new Option<string?>("--socket") { Description = "Path of the API's unix socket." };
        var stateDir = new Option<string?>("--state-dir") { Description = "Directory of the daemon's state." };
        var socketGroup = new Option<string?>("--socket-group")
        {
            Description = "A group whose members may use the socket besides root (its mode is set for them).",
        };
        var logLevel = new Option<string>("--log-level")
        {
            Description = "trace, debug, info, warn or error.",
            DefaultValueFactory = _ => "info",
        };
        logLevel.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Levels.ContainsKey(value))
            {
                result.AddError($"invalid log level \"{value}\" (use trace, debug, info, warn or error)");
            }
        });

        var root = new RootCommand("incus-osd: the Incus OS management daemon, serving its REST API on a unix socket.")
        {
            simulate, socket, stateDir, socketGroup, logLevel,
        };
        root.SetAction((result, cancellationToken) =>
        {
            var simulated = result.GetValue(simulate);
            var options = new DaemonOptions
            {
                Simulate = simulated,
                SocketPath = result.GetValue(socket) ?? (simulated ? SimulatedSocket(environment) : DaemonOptions.HostSocket),
                StateDirectory = result.GetValue(stateDir)
                    ?? (simulated ? SimulatedStateDirectory(environment) : DaemonOptions.HostStateDirectory),
                LogLevel = Levels[result.GetValue(logLevel)!],
                SocketGroup = result.GetValue(socketGroup),
                SystemBusAddress = environment.GetValueOrDefault("DBUS_SYSTEM_BUS_ADDRESS"),
            };

            return run(options with
            {
                SocketPath = Path.GetFullPath(options.SocketPath),
                StateDirectory = Path.GetFullPath(options.StateDirectory),
            }, cancellationToken);
        });

        return root;
    }

    private static string SimulatedStateDirectory(IReadOnlyDictionary<string, string?> environment)
    {
        var stateHome = environment.GetValueOrDefault("XDG_STATE_HOME");
        if (string.IsNullOrEmpty(stateHome))
        {
            stateHome = Path.Combine(environment.GetValueOrDefault("HOME") ?? "/tmp", ".local", "state");
        }

        return Path.Combine(stateHome, "incus-osd-sim");
    }

    private static string SimulatedSocket(IReadOnlyDictionary<string, string?> environment)
    {
        var runtime = environment.GetValueOrDefault("XDG_RUNTIME_DIR");

        return string.IsNullOrEmpty(runtime)
            ? Path.Combine("/tmp", $"incus-osd-sim-{geteuid()}", "unix.socket")
            : Path.Combine(runtime, "incus-osd-sim", "unix.socket");
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    internal static extern uint geteuid();
}
