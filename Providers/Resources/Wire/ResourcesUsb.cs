using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>The <c>usb</c> section.</summary>
public sealed class ResourcesUsb
{
    [JsonProperty("devices")]
    public List<ResourcesUsbDevice> Devices { get; set; } = [];

    [JsonProperty("total")]
    public ulong Total { get; set; }
}
