using Newtonsoft.Json;

namespace IncusOs.Actors.Storage;

/// <summary>
/// What the storage actor keeps across restarts (<c>storage.json</c>): destructive work that was
/// started and must be finished, so that a failure or a crash half-way is completed by the next
/// request or start rather than forgotten.
/// </summary>
public sealed record StorageState
{
    public static readonly StorageState Empty = new();

    /// <summary>Pools being destroyed: the members still to discard.</summary>
    [JsonProperty("pending_destroys")]
    public IReadOnlyList<PendingDestroy> PendingDestroys { get; init; } = [];

    /// <summary>A pool whose key file was written before <c>zpool create</c> ran.</summary>
    [JsonProperty("pending_create")]
    public string? PendingCreate { get; init; }

    public PendingDestroy? FindDestroy(string pool) => PendingDestroys.FirstOrDefault(p => p.Pool == pool);

    public StorageState WithDestroy(PendingDestroy pending) =>
        this with { PendingDestroys = [.. PendingDestroys.Where(p => p.Pool != pending.Pool), pending] };

    public StorageState WithoutDestroy(string pool) =>
        this with { PendingDestroys = PendingDestroys.Where(p => p.Pool != pool).ToList() };
}
