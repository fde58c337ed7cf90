using Newtonsoft.Json;

namespace IncusOs.Actors.Services;

/// <summary><c>usbip</c> configuration: the remote devices to attach (services.md §8).</summary>
public sealed record UsbipConfig
{
    [JsonProperty("targets")]
    public IReadOnlyList<UsbipTarget>? Targets { get; init; }
}
