using Newtonsoft.Json;

namespace IncusOs.Actors.Services;

/// <summary>One USB device exported by a usbip server.</summary>
public sealed record UsbipTarget
{
    [JsonProperty("address")]
    public string Address { get; init; } = string.Empty;

    [JsonProperty("bus_id")]
    public string BusId { get; init; } = string.Empty;
}
