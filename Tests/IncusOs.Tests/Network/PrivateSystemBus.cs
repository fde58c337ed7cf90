using System.Diagnostics;

namespace IncusOs.Tests.Network;

/// <summary>
/// A private <c>dbus-daemon</c> of type system on a socket in a temporary directory, started and
/// stopped by the test. Its policy lets any user own any name, since networkd drops to
/// <c>systemd-network</c> before it says hello.
/// </summary>
internal sealed class PrivateSystemBus : IDisposable
{
    private readonly Process _daemon;

    private PrivateSystemBus(Process daemon, string address)
    {
        _daemon = daemon;
        Address = address;
    }

    public string Address { get; }

    public static PrivateSystemBus Start(string directory)
    {
        var socket = Path.Combine(directory, "sysbus.sock");
        var config = Path.Combine(directory, "bus.conf");
        File.WriteAllText(config, $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig><type>system</type><listen>unix:path={socket}</listen><auth>EXTERNAL</auth>
             <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/>
              <allow own="*"/><allow user="*"/></policy></busconfig>
            """);
        var info = new ProcessStartInfo("dbus-daemon")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("--config-file=" + config);
        info.ArgumentList.Add("--nofork");
        info.ArgumentList.Add("--print-address=1");
        var daemon = Process.Start(info)!;
        daemon.ErrorDataReceived += (_, _) => { };
        daemon.BeginErrorReadLine();
        var read = daemon.StandardOutput.ReadLineAsync();
        if (!read.Wait(TimeSpan.FromSeconds(10)) || read.Result is not { Length: > 0 } address)
        {
            daemon.Kill();
            throw new InvalidOperationException("dbus-daemon did not print its address");
        }

        return new PrivateSystemBus(daemon, address.Trim());
    }

    public void Dispose()
    {
        if (!_daemon.HasExited)
        {
            _daemon.Kill();
            _daemon.WaitForExit(5000);
        }

        _daemon.Dispose();
    }
}
