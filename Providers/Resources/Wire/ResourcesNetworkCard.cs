using System.ComponentModel;
using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>One network card (a device with one or more ports).</summary>
public sealed class ResourcesNetworkCard
{
    [JsonProperty("driver", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string Driver { get; set; } = string.Empty;

    [JsonProperty("driver_version", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string DriverVersion { get; set; } = string.Empty;

    [JsonProperty("ports")]
    public List<ResourcesNetworkCardPort>? Ports { get; set; }

    [JsonProperty("sriov", NullValueHandling = NullValueHandling.Ignore)]
    public ResourcesNetworkCardSriov? Sriov { get; set; }

    [JsonProperty("vdpa", NullValueHandling = NullValueHandling.Ignore)]
    public ResourcesNetworkCardVdpa? Vdpa { get; set; }

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

    [JsonProperty("firmware_version", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string FirmwareVersion { get; set; } = string.Empty;

    [JsonProperty("usb_address", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string UsbAddress { get; set; } = string.Empty;

    public bool ShouldSerializePorts() => Ports is { Count: > 0 };
}
