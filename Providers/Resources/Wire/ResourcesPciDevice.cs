using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>One PCI function.</summary>
public sealed class ResourcesPciDevice
{
    [JsonProperty("driver")]
    public string Driver { get; set; } = string.Empty;

    [JsonProperty("driver_version")]
    public string DriverVersion { get; set; } = string.Empty;

    [JsonProperty("numa_node")]
    public ulong NumaNode { get; set; }

    [JsonProperty("pci_address")]
    public string PciAddress { get; set; } = string.Empty;

    [JsonProperty("vendor")]
    public string Vendor { get; set; } = string.Empty;

    [JsonProperty("vendor_id")]
    public string VendorId { get; set; } = string.Empty;

    [JsonProperty("product")]
    public string Product { get; set; } = string.Empty;

    [JsonProperty("product_id")]
    public string ProductId { get; set; } = string.Empty;

    [JsonProperty("iommu_group")]
    public ulong IommuGroup { get; set; }

    [JsonProperty("vpd")]
    public ResourcesPciVpd Vpd { get; set; } = new();
}
