using IncusOs.Providers.DBus;
using Tmds.DBus;

namespace IncusOs.Providers.Network;

/// <summary>
/// <see cref="INetworkdControl"/> on the daemon's one system-bus connection (<see cref="SystemBus"/>): hostnamed
/// (<c>SetStaticHostname</c>, then <c>SetHostname</c> as <c>hostnamectl hostname</c> does), systemd's
/// manager for units, and networkd's manager and links.
/// </summary>
public sealed class DBusNetworkdControl : INetworkdControl
{
    private const string Hostname1 = "org.freedesktop.hostname1";
    private const string Systemd1 = "org.freedesktop.systemd1";
    private const string Network1 = "org.freedesktop.network1";

    private readonly SystemBus _bus;

    public DBusNetworkdControl(SystemBus bus)
    {
        _bus = bus;
    }

    public Task SetHostnameAsync(string hostname, CancellationToken cancellationToken) =>
        CallAsync($"setting the host name to {hostname}", cancellationToken, async connection =>
        {
            var hostnamed = connection.CreateProxy<IHostname1>(Hostname1, "/org/freedesktop/hostname1");
            await hostnamed.SetStaticHostnameAsync(hostname, false).ConfigureAwait(false);
            await hostnamed.SetHostnameAsync(hostname, false).ConfigureAwait(false);
        });

    public Task ReloadNetworkdAsync(CancellationToken cancellationToken) =>
        CallAsync("reloading systemd-networkd", cancellationToken, connection =>
            connection.CreateProxy<INetworkManager1>(Network1, "/org/freedesktop/network1").ReloadAsync());

    public Task RestartUnitAsync(string unit, CancellationToken cancellationToken) =>
        CallAsync($"restarting {unit}", cancellationToken, c => Manager(c).RestartUnitAsync(unit, "replace"));

    public Task StartUnitAsync(string unit, CancellationToken cancellationToken) =>
        CallAsync($"starting {unit}", cancellationToken, c => Manager(c).StartUnitAsync(unit, "replace"));

    public Task StopUnitAsync(string unit, CancellationToken cancellationToken) =>
        CallAsync($"stopping {unit}", cancellationToken, c => Manager(c).StopUnitAsync(unit, "replace"));

    public async Task<(string Operational, string Online, string Administrative)?> GetLinkStateAsync(
        string name, CancellationToken cancellationToken)
    {
        var connection = await _bus.GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var manager = connection.CreateProxy<INetworkManager1>(Network1, "/org/freedesktop/network1");
            var (_, path) = await manager.GetLinkByNameAsync(name).ConfigureAwait(false);
            var link = connection.CreateProxy<INetworkLink1>(Network1, path);
            var operational = await link.GetAsync<string>("OperationalState").ConfigureAwait(false);
            var online = await link.GetAsync<string>("OnlineState").ConfigureAwait(false);

            var administrative = await link.GetAsync<string>("AdministrativeState").ConfigureAwait(false);

            return (operational, online, administrative);
        }
        // networkd 252 answers an unknown link with org.freedesktop.resolve1.NoSuchLink (sic).
        catch (DBusException ex) when (ex.ErrorName.EndsWith(".NoSuchLink", StringComparison.Ordinal)
                                           || ex.ErrorName is "org.freedesktop.DBus.Error.ServiceUnknown"
                                               or "org.freedesktop.DBus.Error.NameHasNoOwner")
        {
            return null;
        }
        catch (DBusException ex)
        {
            throw new ProviderException(
                $"Failed to read the state of {name} from systemd-networkd: {ex.ErrorMessage}", ex);
        }
    }

    private static ISystemdManager1 Manager(Connection connection) =>
        connection.CreateProxy<ISystemdManager1>(Systemd1, "/org/freedesktop/systemd1");

    private async Task CallAsync(string what, CancellationToken cancellationToken, Func<Connection, Task> call)
    {
        var connection = await _bus.GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await call(connection).ConfigureAwait(false);
        }
        catch (DBusException ex)
        {
            throw new ProviderException($"Failed {what}: {ex.ErrorName}: {ex.ErrorMessage}", ex);
        }
        catch (Exception ex) when (ex is ConnectException or InvalidOperationException or DisconnectedException)
        {
            throw new ProviderException($"Failed {what}: no system bus: {ex.Message}", ex);
        }
    }
}
