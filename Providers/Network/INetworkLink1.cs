using Tmds.DBus;

namespace IncusOs.Providers.Network;

/// <summary>One link as systemd-networkd exposes it; states are read as properties.</summary>
[DBusInterface("org.freedesktop.network1.Link")]
public interface INetworkLink1 : IDBusObject
{
    Task<T> GetAsync<T>(string prop);
}
