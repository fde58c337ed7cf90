namespace IncusOs.Providers.Machine;

/// <summary>Powers the machine off or reboots it (logind on a host).</summary>
public interface IPowerControl
{
    Task<PowerOutcome> PerformAsync(PowerAction action, CancellationToken cancellationToken);
}
