using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using IncusOs.Actors.Common;
using IncusOs.Actors.Supervision;
using IncusOs.Daemon.Composition;
using IncusOs.Daemon.Http;
using IncusOs.Daemon.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IncusOs.Daemon;

/// <summary>Builds and runs the daemon: Kestrel on the unix socket, the actor system, the platform.</summary>
public static class DaemonHost
{
    public static async Task<int> RunAsync(DaemonOptions options, CancellationToken cancellationToken)
    {
        if (!options.Simulate && CommandLine.geteuid() != 0)
        {
            await Console.Error.WriteLineAsync("Error: incus-osd must be run as root").ConfigureAwait(false);
            return 1;
        }

        try
        {
            PrepareDirectories(options);
            var app = Build(options);
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("incus-osd");
            app.Lifetime.ApplicationStopping.Register(() =>
                logger.LogInformation("Stopping, requested by {Requester}", StopRequester(new StackTrace())));
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex)
            {
                // Something stopped the host while it started (the actor system ending, a signal):
                // disposing flushes the log lines that say what, which exiting at once would lose.
                await app.DisposeAsync().ConfigureAwait(false);
                await Console.Error.WriteLineAsync($"Error: start-up was stopped: {ex.Message}").ConfigureAwait(false);
                return 1;
            }

            ProtectSocket(options);
            logger.LogInformation(
                "Listening on {Socket} with state in {StateDirectory} ({Mode})",
                options.SocketPath, options.StateDirectory, options.Mode);
            logger.LogInformation("Try: curl --unix-socket {Socket} http://incus-os/1.0", options.SocketPath);
            await app.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);

            return 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Providers.ProviderException)
        {
            await Console.Error.WriteLineAsync($"Error: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>
    /// Who asked the host to stop, read from the stack of the stop callback (it runs on the caller's
    /// thread): a signal, the simulated power-off, the actor system ending. The first frames outside
    /// the cancellation and lifetime plumbing name it.
    /// </summary>
    private static string StopRequester(StackTrace stack)
    {
        string[] plumbing =
        [
            "System.Threading.", "Microsoft.Extensions.Hosting.Internal.ApplicationLifetime", "IncusOs.Daemon.",
        ];
        var callers = stack.GetFrames()
            .Select(f => f.GetMethod())
            .Where(m => m?.DeclaringType?.FullName is { } type
                && !plumbing.Any(p => type.StartsWith(p, StringComparison.Ordinal)))
            .Take(3)
            .Select(m => $"{m!.DeclaringType!.FullName}.{m.Name}");

        return string.Join(" < ", callers);
    }

    public static WebApplication Build(DaemonOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddConsole(c => c.FormatterName = IncusConsoleFormatter.FormatterName)
            .AddConsoleFormatter<IncusConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        builder.Host.UseSystemd();
        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.ListenUnixSocket(options.SocketPath);
        });

        var services = builder.Services;
        services.AddSingleton(new ActorTimeouts());
        services.AddSingleton(Routes.Build());
        services.AddSingleton<ActorGateway>();
        services.AddSingleton(new PeerPolicy(CommandLine.geteuid(), GroupId(options.SocketGroup)));
        services.AddPlatform(options);
        services.AddAkka("incus-osd", (akka, provider) =>
        {
            akka.AddHocon(
                """
                akka.stdout-loglevel = OFF
                akka.log-dead-letters = off
                akka.log-dead-letters-during-shutdown = off
                akka.log-config-on-start = off
                akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
                """,
                HoconAddMode.Prepend);
            akka.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = AkkaLevel(options.LogLevel);
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            });
            akka.WithActors((system, registry, _) =>
            {
                var areas = provider.GetServices<AreaActorSpec>().ToList();
                system.ActorOf(Props.Create(() => new RootSupervisor(areas, registry)), "root");
            });
        });

        var app = builder.Build();
        app.UseMiddleware<ApiMiddleware>();

        return app;
    }

    /// <summary>
    /// Host mode: socket 0600 in a 0700 directory, or with <c>--socket-group</c> 0660 in a 0750
    /// directory owned by that group. The daemon checks each peer's credentials as well.
    /// </summary>
    private static void ProtectSocket(DaemonOptions options)
    {
        var directory = Path.GetDirectoryName(options.SocketPath)!;
        if (GroupId(options.SocketGroup) is { } gid)
        {
            chown(directory, uint.MaxValue, gid);
            chown(options.SocketPath, uint.MaxValue, gid);
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
            File.SetUnixFileMode(options.SocketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite
                | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        }
        else if (!options.Simulate)
        {
            File.SetUnixFileMode(options.SocketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int chown(string path, uint owner, uint group);

    private static uint? GroupId(string? group)
    {
        if (string.IsNullOrEmpty(group))
        {
            return null;
        }

        foreach (var line in File.ReadLines("/etc/group"))
        {
            var fields = line.Split(':');
            if (fields.Length >= 3 && fields[0] == group && uint.TryParse(fields[2], out var gid))
            {
                return gid;
            }
        }

        throw new IOException($"unknown group \"{group}\" for --socket-group");
    }

    private static Akka.Event.LogLevel AkkaLevel(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => Akka.Event.LogLevel.DebugLevel,
        LogLevel.Information => Akka.Event.LogLevel.InfoLevel,
        LogLevel.Warning => Akka.Event.LogLevel.WarningLevel,
        _ => Akka.Event.LogLevel.ErrorLevel,
    };

    private static void PrepareDirectories(DaemonOptions options)
    {
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var socketDirectory = Path.GetDirectoryName(options.SocketPath)!;
        Directory.CreateDirectory(socketDirectory, ownerOnly);
        Directory.CreateDirectory(options.StateDirectory, ownerOnly);
        if (!options.Simulate)
        {
            File.SetUnixFileMode(socketDirectory, ownerOnly);
            File.SetUnixFileMode(options.StateDirectory, ownerOnly);
        }

        // A socket left by a crashed run would block the listener.
        if (File.Exists(options.SocketPath))
        {
            File.Delete(options.SocketPath);
        }
    }
}
