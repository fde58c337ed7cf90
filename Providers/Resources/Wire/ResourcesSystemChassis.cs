using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>Chassis identity.</summary>
public sealed class ResourcesSystemChassis
{
    [JsonProperty("vendor")]
    public string Vendor { get; set; } = string.Empty;

    [JsonProperty("type")]
    public string Type { get; set; } = string.Empty;

    [JsonProperty("serial")]
    public string Serial { get; set; } = string.Empty;

    [JsonProperty("version")]
    public string Version { get; set; } = string.Empty;
}
