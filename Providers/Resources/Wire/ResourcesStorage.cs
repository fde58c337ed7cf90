using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>The <c>storage</c> section; <c>total</c> counts disks and partitions.</summary>
public sealed class ResourcesStorage
{
    [JsonProperty("disks")]
    public List<ResourcesStorageDisk> Disks { get; set; } = [];

    [JsonProperty("total")]
    public ulong Total { get; set; }
}
