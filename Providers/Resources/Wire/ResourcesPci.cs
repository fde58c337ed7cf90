using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>The <c>pci</c> section.</summary>
public sealed class ResourcesPci
{
    [JsonProperty("devices")]
    public List<ResourcesPciDevice> Devices { get; set; } = [];

    [JsonProperty("total")]
    public ulong Total { get; set; }
}
