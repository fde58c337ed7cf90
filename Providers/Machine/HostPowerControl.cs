using IncusOs.Providers.DBus;
using Tmds.DBus;

namespace IncusOs.Providers.Machine;

/// <summary>Reboots or powers off through logind on the system bus.</summary>
public sealed class HostPowerControl : IPowerControl
{
    private readonly SystemBus _bus;

    public HostPowerControl(SystemBus bus)
    {
        _bus = bus;
    }

    public async Task<PowerOutcome> PerformAsync(PowerAction action, CancellationToken cancellationToken)
    {
        var connection = await _bus.GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        var manager = connection.CreateProxy<ILogin1Manager>(
            "org.freedesktop.login1", new ObjectPath("/org/freedesktop/login1"));
        try
        {
            await (action == PowerAction.Reboot ? manager.RebootAsync(false) : manager.PowerOffAsync(false))
                .ConfigureAwait(false);
        }
        catch (DBusException ex) when (ex.ErrorName is "org.freedesktop.DBus.Error.ServiceUnknown"
                                           or "org.freedesktop.DBus.Error.NameHasNoOwner")
        {
            throw new ProviderException($"logind is not running on the system bus: {ex.ErrorMessage}", ex);
        }
        catch (DBusException ex)
        {
            var name = action.ToString().ToLowerInvariant();
            throw new ProviderException($"logind refused the {name}: {ex.ErrorMessage}", ex);
        }

        return PowerOutcome.Requested;
    }
}
