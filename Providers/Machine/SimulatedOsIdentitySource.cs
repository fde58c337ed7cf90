using IncusOs.Providers.Simulation;

namespace IncusOs.Providers.Machine;

/// <summary>The simulated machine's os-release, DMI product UUID and machine id.</summary>
public sealed class SimulatedOsIdentitySource : IOsIdentitySource
{
    private readonly SimulatedMachine _machine;

    public SimulatedOsIdentitySource(SimulatedMachine machine)
    {
        _machine = machine;
    }

    public Task<OsIdentity> ReadAsync(CancellationToken cancellationToken)
    {
        var doc = _machine.Document;

        // The files end with a newline, which the hostname rules count (37 and 33 bytes).
        return Task.FromResult(new OsIdentity(
            doc.Os.Name,
            doc.Os.Version,
            string.IsNullOrEmpty(doc.ProductUuid) ? null : doc.ProductUuid + "\n",
            string.IsNullOrEmpty(doc.MachineId) ? null : doc.MachineId + "\n"));
    }
}
