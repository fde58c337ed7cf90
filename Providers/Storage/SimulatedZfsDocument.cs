using Newtonsoft.Json;

namespace IncusOs.Providers.Storage;

/// <summary>The simulated machine's pools, kept in <c>machine/zfs.json</c> (what the ZFS labels would hold).</summary>
public sealed record SimulatedZfsDocument
{
    [JsonProperty("pools")]
    public IReadOnlyList<SimulatedPool> Pools { get; init; } = [];
}
