using Newtonsoft.Json;

namespace IncusOs.Providers.Security;

/// <summary>Fault injection for the simulated LUKS volumes.</summary>
public sealed record SimulatedSecurityFaults
{
    /// <summary>
    /// When set, this many more key slot changes succeed and the next one fails (then the fault clears),
    /// as a disk that errors half-way through a change would.
    /// </summary>
    [JsonProperty("fail_slot_change_after")]
    public int? FailSlotChangeAfter { get; init; }
}
