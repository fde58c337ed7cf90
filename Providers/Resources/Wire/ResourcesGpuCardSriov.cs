using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>SR-IOV state of a GPU.</summary>
public sealed class ResourcesGpuCardSriov
{
    [JsonProperty("current_vfs")]
    public ulong CurrentVfs { get; set; }

    [JsonProperty("maximum_vfs")]
    public ulong MaximumVfs { get; set; }

    [JsonProperty("vfs")]
    public List<ResourcesGpuCard>? Vfs { get; set; }
}
