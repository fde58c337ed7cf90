using IncusOs.Providers.Network;

namespace IncusOs.Actors.Network;

/// <summary>
/// A config ready to apply (with the proxy default rule added) and its plan, or the reason it is not.
/// </summary>
public sealed record PlannedNetwork(SystemNetworkConfig? Config, NetworkApplyPlan? Plan, string? Error)
{
    public static PlannedNetwork Failed(string error) => new(null, null, error);
}
