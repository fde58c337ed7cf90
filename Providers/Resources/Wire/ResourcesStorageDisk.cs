using System.ComponentModel;
using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>One whole disk.</summary>
public sealed class ResourcesStorageDisk
{
    [JsonProperty("id")]
    public string Id { get; set; } = string.Empty;

    [JsonProperty("device")]
    public string Device { get; set; } = string.Empty;

    [JsonProperty("model", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string Model { get; set; } = string.Empty;

    [JsonProperty("type", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string Type { get; set; } = string.Empty;

    [JsonProperty("read_only")]
    public bool ReadOnly { get; set; }

    [JsonProperty("size")]
    public ulong Size { get; set; }

    [JsonProperty("removable")]
    public bool Removable { get; set; }

    [JsonProperty("wwn", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string Wwn { get; set; } = string.Empty;

    [JsonProperty("numa_node")]
    public ulong NumaNode { get; set; }

    [JsonProperty("device_path", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string DevicePath { get; set; } = string.Empty;

    [JsonProperty("block_size")]
    public ulong BlockSize { get; set; }

    [JsonProperty("firmware_version", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string FirmwareVersion { get; set; } = string.Empty;

    [JsonProperty("rpm")]
    public ulong Rpm { get; set; }

    [JsonProperty("serial", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string Serial { get; set; } = string.Empty;

    [JsonProperty("device_id")]
    public string DeviceId { get; set; } = string.Empty;

    [JsonProperty("partitions")]
    public List<ResourcesStorageDiskPartition> Partitions { get; set; } = [];

    [JsonProperty("pci_address", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string PciAddress { get; set; } = string.Empty;

    [JsonProperty("usb_address", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string UsbAddress { get; set; } = string.Empty;
}
