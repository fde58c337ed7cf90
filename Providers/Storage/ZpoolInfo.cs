namespace IncusOs.Providers.Storage;

/// <summary>
/// One imported pool: its name, its state, its top-level data vdevs, its log and cache vdevs.
/// Special and dedup classes are not part of the storage API and are left out.
/// </summary>
public sealed record ZpoolInfo(
    string Name,
    string State,
    IReadOnlyList<ZpoolVdev> Vdevs,
    IReadOnlyList<ZpoolVdev> Logs,
    IReadOnlyList<ZpoolVdev> Cache);
