using IncusOs.Providers.Resources.Wire;
using IncusOs.Providers.Simulation;

namespace IncusOs.Providers.Resources;

/// <summary>The simulated machine's resources, rebuilt from its current <c>machine.json</c> on every call.</summary>
public sealed class SimulatedResourcesProvider : IResourcesProvider
{
    private readonly SimulatedMachine _machine;

    public SimulatedResourcesProvider(SimulatedMachine machine)
    {
        _machine = machine;
    }

    public Task<ResourcesDocument> CollectAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        return Task.FromResult(SimulatedResources.Build(_machine.Document));
    }
}
