using Tmds.DBus;

namespace IncusOs.Providers.Systemd;

/// <summary>A loaded unit's object, <c>org.freedesktop.systemd1.Unit</c>; only its properties are read.</summary>
[DBusInterface("org.freedesktop.systemd1.Unit")]
public interface ISystemdUnit : IDBusObject
{
    Task<object> GetAsync(string prop);
}
