using Tmds.DBus;

namespace IncusOs.Providers.Systemd;

/// <summary>
/// The part of <c>org.freedesktop.systemd1.Manager</c> this daemon uses (org.freedesktop.systemd1(5)).
/// Jobs are object paths; <c>JobRemoved</c> announces how each one ended.
/// </summary>
[DBusInterface("org.freedesktop.systemd1.Manager")]
public interface ISystemdManager : IDBusObject
{
    Task<ObjectPath> StartUnitAsync(string name, string mode);

    Task<ObjectPath> StopUnitAsync(string name, string mode);

    Task<ObjectPath> RestartUnitAsync(string name, string mode);

    Task<(bool carriesInstallInfo, (string type, string file, string destination)[] changes)> EnableUnitFilesAsync(
        string[] files, bool runtime, bool force);

    Task ReloadAsync();

    Task<ObjectPath> GetUnitAsync(string name);

    /// <summary>Asks systemd to emit its signals to this client (they are sent only to subscribers).</summary>
    Task SubscribeAsync();

    Task<IDisposable> WatchJobRemovedAsync(
        Action<(uint id, ObjectPath job, string unit, string result)> handler, Action<Exception>? onError = null);
}
