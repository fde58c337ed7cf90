using Newtonsoft.Json;

namespace IncusOs.Actors.Security;

/// <summary>
/// What the security actor persists (mode 0600): the recovery passphrases and whether they were
/// fetched since the last change. Transitions are pure.
/// </summary>
public sealed record SecurityState
{
    public static readonly SecurityState Empty = new();

    [JsonProperty("encryption_recovery_keys")]
    public IReadOnlyList<string> RecoveryKeys { get; init; } = [];

    [JsonProperty("encryption_recovery_keys_retrieved")]
    public bool Retrieved { get; init; }

    /// <summary>
    /// A key change written down before its slot work starts and cleared with its result: found at
    /// start-up, it was cut short (a crash, a reboot) and is finished then (security.md §3–§4).
    /// </summary>
    [JsonProperty("pending_change", NullValueHandling = NullValueHandling.Ignore)]
    public PendingKeyChange? Pending { get; init; }

    public SecurityState WithPending(PendingKeyChange? pending) => this with { Pending = pending };

    public SecurityState MarkRetrieved() => Retrieved ? this : this with { Retrieved = true };

    /// <summary>A new pool key or an automatic recovery key exists that the operator has not fetched.</summary>
    public SecurityState MarkUnretrieved() => Retrieved ? this with { Retrieved = false } : this;

    public SecurityState WithKeys(IReadOnlyList<string> keys) => this with { RecoveryKeys = keys };

    /// <summary>The first-start key (security.md §5): enrolled by the daemon, so not yet retrieved.</summary>
    public SecurityState WithGeneratedKey(string key) =>
        this with { RecoveryKeys = [.. RecoveryKeys, key], Retrieved = false };

    public override string ToString() =>
        $"SecurityState {{ Keys = {RecoveryKeys.Count}, Retrieved = {Retrieved}, Pending = {Pending?.Operation} }}";
}

/// <summary>An add or a removal (by rebuild) of <see cref="Key"/> that has started.</summary>
public sealed record PendingKeyChange(
    [property: JsonProperty("operation")] string Operation,
    [property: JsonProperty("key")] string Key)
{
    public const string Add = "add";
    public const string Remove = "remove";

    // The key is a secret: never in a log line.
    public override string ToString() => $"PendingKeyChange {{ Operation = {Operation} }}";
}
