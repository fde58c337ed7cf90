using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>Motherboard identity.</summary>
public sealed class ResourcesSystemMotherboard
{
    [JsonProperty("vendor")]
    public string Vendor { get; set; } = string.Empty;

    [JsonProperty("product")]
    public string Product { get; set; } = string.Empty;

    [JsonProperty("serial")]
    public string Serial { get; set; } = string.Empty;

    [JsonProperty("version")]
    public string Version { get; set; } = string.Empty;
}
