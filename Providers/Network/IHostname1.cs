using Tmds.DBus;

namespace IncusOs.Providers.Network;

/// <summary>The part of systemd-hostnamed's D-Bus interface the daemon uses (org.freedesktop.hostname1(5)).</summary>
[DBusInterface("org.freedesktop.hostname1")]
public interface IHostname1 : IDBusObject
{
    Task SetStaticHostnameAsync(string hostname, bool interactive);

    Task SetHostnameAsync(string hostname, bool interactive);
}
