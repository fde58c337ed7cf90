using System.ComponentModel;
using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>One CPU package.</summary>
public sealed class ResourcesCpuSocket
{
    [JsonProperty("name", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string Name { get; set; } = string.Empty;

    [JsonProperty("vendor", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string Vendor { get; set; } = string.Empty;

    [JsonProperty("socket")]
    public ulong Socket { get; set; }

    [JsonProperty("cache")]
    public List<ResourcesCpuCache>? Cache { get; set; }

    [JsonProperty("cores")]
    public List<ResourcesCpuCore> Cores { get; set; } = [];

    [JsonProperty("frequency", DefaultValueHandling = DefaultValueHandling.Ignore)]
    public ulong Frequency { get; set; }

    [JsonProperty("frequency_minimum", DefaultValueHandling = DefaultValueHandling.Ignore)]
    public ulong FrequencyMinimum { get; set; }

    [JsonProperty("frequency_turbo", DefaultValueHandling = DefaultValueHandling.Ignore)]
    public ulong FrequencyTurbo { get; set; }

    [JsonProperty("address_sizes", NullValueHandling = NullValueHandling.Ignore)]
    public ResourcesCpuAddressSizes? AddressSizes { get; set; }

    public bool ShouldSerializeCache() => Cache is { Count: > 0 };
}
