using System.ComponentModel;
using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>Infiniband character devices of a port.</summary>
public sealed class ResourcesNetworkCardPortInfiniband
{
    [JsonProperty("issm_name", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string IssmName { get; set; } = string.Empty;

    [JsonProperty("issm_device", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string IssmDevice { get; set; } = string.Empty;

    [JsonProperty("mad_name", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string MadName { get; set; } = string.Empty;

    [JsonProperty("mad_device", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string MadDevice { get; set; } = string.Empty;

    [JsonProperty("verb_name", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string VerbName { get; set; } = string.Empty;

    [JsonProperty("verb_device", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string VerbDevice { get; set; } = string.Empty;
}
