using Tmds.DBus;

namespace IncusOs.Providers.Network;

/// <summary>Unit control on systemd's manager object (org.freedesktop.systemd1(5)).</summary>
[DBusInterface("org.freedesktop.systemd1.Manager")]
public interface ISystemdManager1 : IDBusObject
{
    Task<ObjectPath> StartUnitAsync(string name, string mode);

    Task<ObjectPath> StopUnitAsync(string name, string mode);

    Task<ObjectPath> RestartUnitAsync(string name, string mode);
}
