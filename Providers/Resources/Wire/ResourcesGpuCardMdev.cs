using System.ComponentModel;
using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>One mediated device type of a GPU.</summary>
public sealed class ResourcesGpuCardMdev
{
    [JsonProperty("api")]
    public string Api { get; set; } = string.Empty;

    [JsonProperty("available")]
    public ulong Available { get; set; }

    [JsonProperty("name", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string Name { get; set; } = string.Empty;

    [JsonProperty("description", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string Description { get; set; } = string.Empty;

    [JsonProperty("devices")]
    public List<string>? Devices { get; set; }
}
