using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>The <c>network</c> section.</summary>
public sealed class ResourcesNetwork
{
    [JsonProperty("cards")]
    public List<ResourcesNetworkCard> Cards { get; set; } = [];

    [JsonProperty("total")]
    public ulong Total { get; set; }
}
