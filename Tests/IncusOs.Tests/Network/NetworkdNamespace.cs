using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using IncusOs.Providers.DBus;
using IncusOs.Providers.Network;
using Tmds.DBus;

namespace IncusOs.Tests.Network;

/// <summary>
/// Real systemd-networkd in a test network namespace (FEASIBILITY.md): a private system bus, a netns
/// holding a veth pair whose NIC end already carries the name udev would give it (<c>_p&lt;mac&gt;</c>),
/// networkd started by hand in a private mount namespace where <c>/run/systemd</c> is a temporary
/// directory and <c>/sys</c> is read-only, and stand-ins for hostnamed and systemd's manager on the
/// same bus. Everything is stopped and removed on dispose.
/// </summary>
public sealed partial class NetworkdNamespace : IAsyncLifetime
{
    public const string NicMac = "02:00:00:00:77:01";
    public const string NicName = "_p020000007701";
    public const string PeerAddress = "10.77.0.1";

    private readonly ConcurrentQueue<string> _log = new();
    private readonly string _namespace = $"incus-nd-{Environment.ProcessId}-{Random.Shared.Next(100000)}";
    private PrivateSystemBus? _bus;
    private Process? _networkd;
    private Connection? _services;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("networkd-ns-").FullName;

    public string RunSystemd => Path.Combine(Directory, "run-systemd");

    public string BusAddress => _bus!.Address;

    public Connection Client { get; private set; } = null!;

    /// <summary>The daemon's kind of bus connection, to the private bus.</summary>
    public SystemBus Bus { get; private set; } = null!;

    internal FakeHostnamed Hostnamed { get; } = new();

    internal FakeSystemdManager Systemd { get; } = new();

    public int NetworkdPid => _networkd!.Id;

    /// <summary>Every line networkd logged so far.</summary>
    public IReadOnlyList<string> Log => [.. _log];

    /// <summary>
    /// networkd's complaints about the files it read (<c>file:line: ...</c>) after log line <paramref name="mark"/>.
    /// </summary>
    public IReadOnlyList<string> FileWarningsSince(int mark) =>
        Log.Skip(mark).Where(l => FileWarning().IsMatch(l)).ToList();

    public NetworkOptions Options => new()
    {
        NetworkdDirectory = Path.Combine(RunSystemd, "network"),
        TimesyncdFile = Path.Combine(RunSystemd, "timesyncd.conf"),
        HostsFile = Path.Combine(Directory, "hosts"),
        EnvironmentFile = Path.Combine(Directory, "environment"),
        KpxFile = Path.Combine(Directory, "kpx.yaml"),
        SystemdRuntimeDirectory = Directory,
        SysClassNet = $"/proc/{NetworkdPid}/root/sys/class/net",
        ConnectivityTarget = null,
        RestartNetworkd = false,
        WaitForRenames = false,
        CommandPrefix = ["nsenter", "-t", NetworkdPid.ToString(), "-m", "-n", "--"],
        CommandEnvironment = new Dictionary<string, string> { ["DBUS_SYSTEM_BUS_ADDRESS"] = BusAddress },
        OnlineTimeout = TimeSpan.FromSeconds(20),
        PollInterval = TimeSpan.FromMilliseconds(100),
    };

    public async Task InitializeAsync()
    {
        // networkd drops to systemd-network before it connects: it must reach the bus socket.
        File.SetUnixFileMode(Directory, (UnixFileMode)0b111_101_101);
        System.IO.Directory.CreateDirectory(Path.Combine(RunSystemd, "network"));
        var netif = Path.Combine(RunSystemd, "netif");
        System.IO.Directory.CreateDirectory(netif);
        await RunAsync("chown", "systemd-network:systemd-network", netif);
        _bus = PrivateSystemBus.Start(Directory);

        _services = new Connection(BusAddress);
        await _services.ConnectAsync();
        await _services.RegisterObjectAsync(Hostnamed);
        await _services.RegisterObjectAsync(Systemd);
        await _services.RegisterServiceAsync("org.freedesktop.hostname1");
        await _services.RegisterServiceAsync("org.freedesktop.systemd1");

        await RunAsync("ip", "netns", "add", _namespace);
        await RunAsync("ip", "-n", _namespace, "link", "set", "lo", "up");
        await RunAsync("ip", "-n", _namespace, "link", "add", NicName, "address", NicMac, "type", "veth",
            "peer", "name", "peer0");
        await RunAsync("ip", "-n", _namespace, "addr", "add", PeerAddress + "/24", "dev", "peer0");
        await RunAsync("ip", "-n", _namespace, "link", "set", "peer0", "up");
        StartNetworkd();

        Bus = new SystemBus(BusAddress);
        Client = new Connection(BusAddress);
        await Client.ConnectAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!(await Client.ListServicesAsync()).Contains("org.freedesktop.network1"))
        {
            if (DateTime.UtcNow > deadline || _networkd!.HasExited)
            {
                throw new InvalidOperationException("networkd did not register on the bus:\n" + string.Join('\n', Log));
            }

            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Bus is not null)
        {
            await Bus.DisposeAsync();
        }

        _services?.Dispose();
        if (_networkd is { HasExited: false })
        {
            _networkd.Kill();
            await _networkd.WaitForExitAsync();
        }

        _networkd?.Dispose();
        _bus?.Dispose();
        await RunAsync("ip", "netns", "del", _namespace);
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>Runs a command inside the namespace and returns its output.</summary>
    public Task<string> InNamespaceAsync(params string[] args) =>
        RunAsync("nsenter", ["-t", NetworkdPid.ToString(), "-m", "-n", "--", "env",
            "DBUS_SYSTEM_BUS_ADDRESS=" + BusAddress, .. args]);

    private void StartNetworkd()
    {
        var script = Path.Combine(Directory, "run-networkd.sh");
        File.WriteAllText(script, $"""
            mount --make-rprivate /
            mount --bind '{RunSystemd}' /run/systemd
            export DBUS_SYSTEM_BUS_ADDRESS='{BusAddress}' SYSTEMD_LOG_TARGET=console
            exec ip netns exec '{_namespace}' sh -c 'mount -o remount,ro /sys && exec /usr/lib/systemd/systemd-networkd'
            """);
        var info = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-m", "sh", script })
        {
            info.ArgumentList.Add(arg);
        }

        _networkd = Process.Start(info)!;
        _networkd.OutputDataReceived += (_, e) => Collect(e.Data);
        _networkd.ErrorDataReceived += (_, e) => Collect(e.Data);
        _networkd.BeginOutputReadLine();
        _networkd.BeginErrorReadLine();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _log.Enqueue(line);
        }
    }

    private static async Task<string> RunAsync(string command, params string[] args)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)}: {await stderr}");
        }

        return await stdout;
    }

    [GeneratedRegex(@"\.(network|netdev|link):\d+:")]
    private static partial Regex FileWarning();
}
