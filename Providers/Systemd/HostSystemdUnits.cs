using IncusOs.Providers.DBus;
using Tmds.DBus;

namespace IncusOs.Providers.Systemd;

/// <summary>
/// Drives systemd through its manager object on the one system-bus connection. Each job is waited for
/// through <c>JobRemoved</c>, watched before the call so that a job ending at once is not missed.
/// </summary>
public sealed class HostSystemdUnits : ISystemdUnits
{
    public const string Service = "org.freedesktop.systemd1";

    public static readonly ObjectPath ManagerPath = new("/org/freedesktop/systemd1");

    private const string NoSuchUnit = "org.freedesktop.systemd1.NoSuchUnit";

    private const string AccessDenied = "org.freedesktop.DBus.Error.AccessDenied";

    private readonly SystemBus _bus;
    private readonly SemaphoreSlim _subscribeGate = new(1, 1);
    private bool _subscribed;

    public HostSystemdUnits(SystemBus bus)
    {
        _bus = bus;
    }

    public Task StartAsync(string unit, CancellationToken cancellationToken) =>
        RunJobAsync("start", unit, m => m.StartUnitAsync(unit, "replace"), cancellationToken);

    public Task StopAsync(string unit, CancellationToken cancellationToken) =>
        RunJobAsync("stop", unit, m => m.StopUnitAsync(unit, "replace"), cancellationToken);

    public Task RestartAsync(string unit, CancellationToken cancellationToken) =>
        RunJobAsync("restart", unit, m => m.RestartUnitAsync(unit, "replace"), cancellationToken);

    public async Task EnableAsync(IReadOnlyList<string> units, CancellationToken cancellationToken)
    {
        var manager = await ManagerAsync(cancellationToken).ConfigureAwait(false);
        var what = string.Join(' ', units);
        try
        {
            await manager.EnableUnitFilesAsync([.. units], false, false).WaitAsync(cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DBusException ex)
        {
            throw Refused("enable", what, ex);
        }
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var manager = await ManagerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await manager.ReloadAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DBusException ex)
        {
            throw new SystemdException($"systemd could not reload its units: {ex.ErrorMessage} ({ex.ErrorName})", ex);
        }
    }

    public async Task<bool> IsActiveAsync(string unit, CancellationToken cancellationToken)
    {
        var connection = await _bus.GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        var manager = connection.CreateProxy<ISystemdManager>(Service, ManagerPath);
        ObjectPath path;
        try
        {
            path = await manager.GetUnitAsync(unit).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DBusException ex) when (ex.ErrorName == NoSuchUnit)
        {
            // Not loaded: systemctl is-active prints "inactive".
            return false;
        }
        catch (DBusException ex)
        {
            throw Refused("query", unit, ex);
        }

        try
        {
            var state = await connection.CreateProxy<ISystemdUnit>(Service, path).GetAsync("ActiveState")
                .WaitAsync(cancellationToken).ConfigureAwait(false);

            return state is string text && text == "active";
        }
        catch (DBusException ex)
        {
            throw Refused("query", unit, ex);
        }
    }

    private async Task RunJobAsync(
        string verb, string unit, Func<ISystemdManager, Task<ObjectPath>> call, CancellationToken cancellationToken)
    {
        var manager = await ManagerAsync(cancellationToken).ConfigureAwait(false);
        var watcher = new JobWatcher();
        using (await manager.WatchJobRemovedAsync(watcher.OnJobRemoved).ConfigureAwait(false))
        {
            ObjectPath job;
            try
            {
                job = await call(manager).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DBusException ex)
            {
                throw Refused(verb, unit, ex);
            }

            var result = await watcher.WaitAsync(job, cancellationToken).ConfigureAwait(false);
            if (result is not ("done" or "skipped"))
            {
                throw new SystemdException($"the {verb} job of unit {unit} ended with result \"{result}\"");
            }
        }
    }

    private async Task<ISystemdManager> ManagerAsync(CancellationToken cancellationToken)
    {
        var connection = await _bus.GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        var manager = connection.CreateProxy<ISystemdManager>(Service, ManagerPath);
        if (_subscribed)
        {
            return manager;
        }

        await _subscribeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_subscribed)
            {
                await manager.SubscribeAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
                _subscribed = true;
            }
        }
        catch (DBusException ex)
        {
            throw new SystemdException(
                $"cannot subscribe to systemd's signals: {ex.ErrorMessage} ({ex.ErrorName})", ex);
        }
        finally
        {
            _subscribeGate.Release();
        }

        return manager;
    }

    private static SystemdException Refused(string verb, string unit, DBusException ex) => ex.ErrorName switch
    {
        NoSuchUnit => new SystemdException($"cannot {verb} unit {unit}: no such unit ({ex.ErrorMessage})", ex),
        AccessDenied => new SystemdException(
            $"cannot {verb} unit {unit}: access denied by systemd ({ex.ErrorMessage})", ex),
        _ => new SystemdException($"cannot {verb} unit {unit}: {ex.ErrorMessage} ({ex.ErrorName})", ex),
    };
}
