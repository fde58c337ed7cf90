using Tmds.DBus;

namespace IncusOs.Providers.Machine;

/// <summary>The part of <c>org.freedesktop.login1.Manager</c> this daemon uses (see org.freedesktop.login1(5)).</summary>
[DBusInterface("org.freedesktop.login1.Manager")]
public interface ILogin1Manager : IDBusObject
{
    Task RebootAsync(bool interactive);

    Task PowerOffAsync(bool interactive);
}
