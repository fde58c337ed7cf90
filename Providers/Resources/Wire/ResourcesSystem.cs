using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>The <c>system</c> section (DMI, or lshw where there is no DMI).</summary>
public sealed class ResourcesSystem
{
    [JsonProperty("uuid")]
    public string Uuid { get; set; } = string.Empty;

    [JsonProperty("vendor")]
    public string Vendor { get; set; } = string.Empty;

    [JsonProperty("product")]
    public string Product { get; set; } = string.Empty;

    [JsonProperty("family")]
    public string Family { get; set; } = string.Empty;

    [JsonProperty("version")]
    public string Version { get; set; } = string.Empty;

    [JsonProperty("sku")]
    public string Sku { get; set; } = string.Empty;

    [JsonProperty("serial")]
    public string Serial { get; set; } = string.Empty;

    [JsonProperty("type")]
    public string Type { get; set; } = string.Empty;

    [JsonProperty("firmware")]
    public ResourcesSystemFirmware? Firmware { get; set; }

    [JsonProperty("chassis")]
    public ResourcesSystemChassis? Chassis { get; set; }

    [JsonProperty("motherboard")]
    public ResourcesSystemMotherboard? Motherboard { get; set; }
}
