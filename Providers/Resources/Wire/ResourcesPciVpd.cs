using System.ComponentModel;
using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>Vital product data of a PCI function (always an object).</summary>
public sealed class ResourcesPciVpd
{
    [JsonProperty("product_name", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string ProductName { get; set; } = string.Empty;

    [JsonProperty("entries")]
    public SortedDictionary<string, string>? Entries { get; set; }

    public bool ShouldSerializeEntries() => Entries is { Count: > 0 };
}
