using Newtonsoft.Json;

namespace IncusOs.Providers.Security;

/// <summary>A simulated LUKS volume and its key slots.</summary>
public sealed record SimulatedLuksVolume
{
    [JsonProperty("name")]
    public string Name { get; init; } = string.Empty;

    [JsonProperty("device")]
    public string Device { get; init; } = string.Empty;

    [JsonProperty("slots")]
    public IReadOnlyList<SimulatedLuksSlot> Slots { get; init; } = [];
}
