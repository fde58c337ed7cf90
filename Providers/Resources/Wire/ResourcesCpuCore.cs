using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>One core (keyed by core id within its socket).</summary>
public sealed class ResourcesCpuCore
{
    [JsonProperty("core")]
    public ulong Core { get; set; }

    [JsonProperty("die")]
    public ulong Die { get; set; }

    [JsonProperty("threads")]
    public List<ResourcesCpuThread> Threads { get; set; } = [];

    [JsonProperty("frequency", DefaultValueHandling = DefaultValueHandling.Ignore)]
    public ulong Frequency { get; set; }

    [JsonProperty("flags")]
    public List<string>? Flags { get; set; }
}
