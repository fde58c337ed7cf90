using System.ComponentModel;
using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>NVIDIA details of a GPU.</summary>
public sealed class ResourcesGpuCardNvidia
{
    [JsonProperty("cuda_version", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string CudaVersion { get; set; } = string.Empty;

    [JsonProperty("nvrm_version", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string NvrmVersion { get; set; } = string.Empty;

    [JsonProperty("brand")]
    public string Brand { get; set; } = string.Empty;

    [JsonProperty("model")]
    public string Model { get; set; } = string.Empty;

    [JsonProperty("uuid", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string Uuid { get; set; } = string.Empty;

    [JsonProperty("architecture", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string Architecture { get; set; } = string.Empty;

    [JsonProperty("card_name")]
    public string CardName { get; set; } = string.Empty;

    [JsonProperty("card_device")]
    public string CardDevice { get; set; } = string.Empty;
}
