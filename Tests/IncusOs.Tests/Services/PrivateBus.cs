using System.Diagnostics;

namespace IncusOs.Tests.Services;

/// <summary>
/// A private <c>dbus-daemon</c> on a socket in a temporary directory, started for the tests and
/// stopped with them; its policy lets any local user own names and send anything.
/// </summary>
public sealed class PrivateBus : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("incus-osd-dbus-").FullName;
    private Process? _daemon;

    public string Address { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var config = Path.Combine(_directory, "bus.conf");
        await File.WriteAllTextAsync(config, $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>system</type>
              <listen>unix:path={_directory}/bus.sock</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
                <allow own="*"/>
                <allow user="*"/>
              </policy>
            </busconfig>
            """);
        var info = new ProcessStartInfo("dbus-daemon")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { $"--config-file={config}", "--nofork", "--print-address=1" })
        {
            info.ArgumentList.Add(arg);
        }

        _daemon = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Address = (await _daemon.StandardOutput.ReadLineAsync(timeout.Token))?.Trim()
            ?? throw new InvalidOperationException("dbus-daemon printed no address: "
                + await _daemon.StandardError.ReadToEndAsync(timeout.Token));
    }

    public Task DisposeAsync()
    {
        if (_daemon is { HasExited: false } daemon)
        {
            daemon.Kill();
            daemon.WaitForExit(5_000);
        }

        _daemon?.Dispose();
        Directory.Delete(_directory, recursive: true);

        return Task.CompletedTask;
    }
}
