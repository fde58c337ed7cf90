using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>Physical and virtual address widths from <c>/proc/cpuinfo</c>.</summary>
public sealed class ResourcesCpuAddressSizes
{
    [JsonProperty("physical_bits")]
    public ulong PhysicalBits { get; set; }

    [JsonProperty("virtual_bits")]
    public ulong VirtualBits { get; set; }
}
