using Newtonsoft.Json;

namespace IncusOs.Actors.Storage;

/// <summary>
/// One encrypted ZFS pool: name, layout type, data/cache/log devices as kernel paths, and (read-only)
/// its state and the devices that are not ONLINE.
/// </summary>
public sealed record SystemStoragePool
{
    [JsonProperty("name")]
    public string Name { get; init; } = string.Empty;

    [JsonProperty("type")]
    public string Type { get; init; } = string.Empty;

    [JsonProperty("devices")]
    public IReadOnlyList<string>? Devices { get; init; }

    [JsonProperty("cache")]
    public IReadOnlyList<string>? Cache { get; init; }

    [JsonProperty("log")]
    public IReadOnlyList<string>? Log { get; init; }

    [JsonProperty("state")]
    public string State { get; init; } = string.Empty;

    [JsonProperty("devices_degraded")]
    public IReadOnlyList<string>? DevicesDegraded { get; init; }

    [JsonProperty("cache_degraded")]
    public IReadOnlyList<string>? CacheDegraded { get; init; }

    [JsonProperty("log_degraded")]
    public IReadOnlyList<string>? LogDegraded { get; init; }

    /// <summary>Every device of the six lists, healthy or not.</summary>
    [JsonIgnore]
    public IEnumerable<string> AllDevices =>
        new[] { Devices, Log, Cache, DevicesDegraded, LogDegraded, CacheDegraded }.SelectMany(list => list ?? []);

    public bool ShouldSerializeCache() => Cache is { Count: > 0 };

    public bool ShouldSerializeLog() => Log is { Count: > 0 };

    public bool ShouldSerializeDevicesDegraded() => DevicesDegraded is { Count: > 0 };

    public bool ShouldSerializeCacheDegraded() => CacheDegraded is { Count: > 0 };

    public bool ShouldSerializeLogDegraded() => LogDegraded is { Count: > 0 };
}
