using Newtonsoft.Json;

namespace IncusOs.Providers.Storage;

/// <summary>One simulated pool: its data vdevs, logs and cache devices, and its key file.</summary>
public sealed record SimulatedPool
{
    [JsonProperty("name")]
    public string Name { get; init; } = string.Empty;

    [JsonProperty("key_file")]
    public string KeyFile { get; init; } = string.Empty;

    [JsonProperty("vdevs")]
    public IReadOnlyList<SimulatedVdev> Vdevs { get; init; } = [];

    [JsonProperty("logs")]
    public IReadOnlyList<SimulatedVdev> Logs { get; init; } = [];

    [JsonProperty("cache")]
    public IReadOnlyList<SimulatedVdev> Cache { get; init; } = [];

    /// <summary>The id the next top-level vdev gets (ZFS numbers data and log top-levels together).</summary>
    [JsonProperty("next_vdev_id")]
    public int NextVdevId { get; init; }
}
