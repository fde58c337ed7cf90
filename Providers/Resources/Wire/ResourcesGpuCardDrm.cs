using System.ComponentModel;
using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>The DRM nodes of a card.</summary>
public sealed class ResourcesGpuCardDrm
{
    [JsonProperty("id")]
    public ulong Id { get; set; }

    [JsonProperty("card_name")]
    public string CardName { get; set; } = string.Empty;

    [JsonProperty("card_device")]
    public string CardDevice { get; set; } = string.Empty;

    [JsonProperty("control_name", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string ControlName { get; set; } = string.Empty;

    [JsonProperty("control_device", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string ControlDevice { get; set; } = string.Empty;

    [JsonProperty("render_name", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string RenderName { get; set; } = string.Empty;

    [JsonProperty("render_device", DefaultValueHandling = DefaultValueHandling.Ignore)]
    [DefaultValue("")]
    public string RenderDevice { get; set; } = string.Empty;
}
