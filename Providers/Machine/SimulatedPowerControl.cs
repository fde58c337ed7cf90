using IncusOs.Providers.Simulation;

namespace IncusOs.Providers.Machine;

/// <summary>
/// A reboot records a new boot of the simulated machine (a staged release becomes current); a
/// power-off marks the machine off and ends the daemon, so its next start is a new boot.
/// </summary>
public sealed class SimulatedPowerControl : IPowerControl
{
    private readonly SimulatedMachine _machine;
    private readonly IProcessLifetime _lifetime;

    public SimulatedPowerControl(SimulatedMachine machine, IProcessLifetime lifetime)
    {
        _machine = machine;
        _lifetime = lifetime;
    }

    public Task<PowerOutcome> PerformAsync(PowerAction action, CancellationToken cancellationToken)
    {
        if (action == PowerAction.Reboot)
        {
            _machine.RecordBoot();
            return Task.FromResult(PowerOutcome.Rebooted);
        }

        _machine.RecordPowerOff();
        _lifetime.StopProcess();

        return Task.FromResult(PowerOutcome.Requested);
    }
}
