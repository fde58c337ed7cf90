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

    /// <summary>How long each key slot change takes, as a slow disk or an argon2 derivation would.</summary>
    [JsonProperty("slot_change_delay_ms")]
    public int SlotChangeDelayMilliseconds { get; init; }
}
