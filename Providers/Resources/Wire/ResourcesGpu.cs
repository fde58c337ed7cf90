using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>The <c>gpu</c> section.</summary>
public sealed class ResourcesGpu
{
    [JsonProperty("cards")]
    public List<ResourcesGpuCard> Cards { get; set; } = [];

    [JsonProperty("total")]
    public ulong Total { get; set; }
}
