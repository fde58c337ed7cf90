using System.ComponentModel;
using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>One display device (DRM card or PCI display controller).</summary>
public sealed class ResourcesGpuCard
{
    [JsonProperty("driver", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string Driver { get; set; } = string.Empty;

    [JsonProperty("driver_version", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string DriverVersion { get; set; } = string.Empty;

    [JsonProperty("drm", NullValueHandling = NullValueHandling.Ignore)]
    public ResourcesGpuCardDrm? Drm { get; set; }

    [JsonProperty("sriov", NullValueHandling = NullValueHandling.Ignore)]
    public ResourcesGpuCardSriov? Sriov { get; set; }

    [JsonProperty("nvidia", NullValueHandling = NullValueHandling.Ignore)]
    public ResourcesGpuCardNvidia? Nvidia { get; set; }

    [JsonProperty("mdev")]
    public SortedDictionary<string, ResourcesGpuCardMdev>? Mdev { get; set; }

    [JsonProperty("numa_node")]
    public ulong NumaNode { get; set; }

    [JsonProperty("pci_address", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string PciAddress { get; set; } = string.Empty;

    [JsonProperty("vendor", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string Vendor { get; set; } = string.Empty;

    [JsonProperty("vendor_id", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string VendorId { get; set; } = string.Empty;

    [JsonProperty("product", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string Product { get; set; } = string.Empty;

    [JsonProperty("product_id", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string ProductId { get; set; } = string.Empty;

    [JsonProperty("usb_address", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string UsbAddress { get; set; } = string.Empty;

    public bool ShouldSerializeMdev() => Mdev is { Count: > 0 };
}
