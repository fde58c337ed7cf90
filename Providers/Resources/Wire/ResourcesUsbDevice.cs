using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>One USB device (hubs excluded).</summary>
public sealed class ResourcesUsbDevice
{
    [JsonProperty("bus_address")]
    public ulong BusAddress { get; set; }

    [JsonProperty("device_address")]
    public ulong DeviceAddress { get; set; }

    [JsonProperty("serial")]
    public string Serial { get; set; } = string.Empty;

    [JsonProperty("interfaces")]
    public List<ResourcesUsbDeviceInterface>? Interfaces { get; set; }

    [JsonProperty("vendor")]
    public string Vendor { get; set; } = string.Empty;

    [JsonProperty("vendor_id")]
    public string VendorId { get; set; } = string.Empty;

    [JsonProperty("product")]
    public string Product { get; set; } = string.Empty;

    [JsonProperty("product_id")]
    public string ProductId { get; set; } = string.Empty;

    [JsonProperty("speed")]
    [JsonConverter(typeof(GoFloatConverter))]
    public double Speed { get; set; }
}
