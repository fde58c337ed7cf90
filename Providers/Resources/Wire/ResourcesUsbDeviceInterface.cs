using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>One interface of a USB device.</summary>
public sealed class ResourcesUsbDeviceInterface
{
    [JsonProperty("class")]
    public string Class { get; set; } = string.Empty;

    [JsonProperty("class_id")]
    public ulong ClassId { get; set; }

    [JsonProperty("driver")]
    public string Driver { get; set; } = string.Empty;

    [JsonProperty("driver_version")]
    public string DriverVersion { get; set; } = string.Empty;

    [JsonProperty("number")]
    public ulong Number { get; set; }

    [JsonProperty("subclass")]
    public string Subclass { get; set; } = string.Empty;

    [JsonProperty("subclass_id")]
    public ulong SubclassId { get; set; }
}
