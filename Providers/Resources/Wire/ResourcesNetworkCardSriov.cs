using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>SR-IOV state of a network card.</summary>
public sealed class ResourcesNetworkCardSriov
{
    [JsonProperty("current_vfs")]
    public ulong CurrentVfs { get; set; }

    [JsonProperty("maximum_vfs")]
    public ulong MaximumVfs { get; set; }

    [JsonProperty("vfs")]
    public List<ResourcesNetworkCard>? Vfs { get; set; }
}
