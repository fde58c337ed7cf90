using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>The vDPA device of a network card.</summary>
public sealed class ResourcesNetworkCardVdpa
{
    [JsonProperty("name")]
    public string Name { get; set; } = string.Empty;

    [JsonProperty("device")]
    public string Device { get; set; } = string.Empty;
}
