using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>The Incus v6.16.0 host resources document: the nine sections, in wire order.</summary>
public sealed class ResourcesDocument
{
    [JsonProperty("cpu")]
    public ResourcesCpu Cpu { get; set; } = new();

    [JsonProperty("memory")]
    public ResourcesMemory Memory { get; set; } = new();

    [JsonProperty("gpu")]
    public ResourcesGpu Gpu { get; set; } = new();

    [JsonProperty("network")]
    public ResourcesNetwork Network { get; set; } = new();

    [JsonProperty("storage")]
    public ResourcesStorage Storage { get; set; } = new();

    [JsonProperty("usb")]
    public ResourcesUsb Usb { get; set; } = new();

    [JsonProperty("pci")]
    public ResourcesPci Pci { get; set; } = new();

    [JsonProperty("system")]
    public ResourcesSystem System { get; set; } = new();

    [JsonProperty("load")]
    public ResourcesLoad Load { get; set; } = new();
}
