using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>BIOS or UEFI firmware identity.</summary>
public sealed class ResourcesSystemFirmware
{
    [JsonProperty("vendor")]
    public string Vendor { get; set; } = string.Empty;

    [JsonProperty("date")]
    public string Date { get; set; } = string.Empty;

    [JsonProperty("version")]
    public string Version { get; set; } = string.Empty;
}
