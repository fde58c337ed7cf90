using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>The <c>load</c> section; its keys are Go field names (no JSON tags at v6.16.0).</summary>
public sealed class ResourcesLoad
{
    [JsonProperty("Average1Min")]
    [JsonConverter(typeof(GoFloatConverter))]
    public double Average1Min { get; set; }

    [JsonProperty("Average5Min")]
    [JsonConverter(typeof(GoFloatConverter))]
    public double Average5Min { get; set; }

    [JsonProperty("Average10Min")]
    [JsonConverter(typeof(GoFloatConverter))]
    public double Average15Min { get; set; }

    [JsonProperty("Processes")]
    public long Processes { get; set; }
}
