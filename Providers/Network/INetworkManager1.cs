using Tmds.DBus;

namespace IncusOs.Providers.Network;

/// <summary>systemd-networkd's manager object (org.freedesktop.network1(5)).</summary>
[DBusInterface("org.freedesktop.network1.Manager")]
public interface INetworkManager1 : IDBusObject
{
    Task ReloadAsync();

    Task<(int Ifindex, ObjectPath Path)> GetLinkByNameAsync(string name);
}
