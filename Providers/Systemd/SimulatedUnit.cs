using Newtonsoft.Json;

namespace IncusOs.Providers.Systemd;

/// <summary>One unit of the simulated machine: whether it runs and whether it starts at boot.</summary>
public sealed record SimulatedUnit
{
    [JsonProperty("active")]
    public bool Active { get; init; }

    [JsonProperty("enabled")]
    public bool Enabled { get; init; }

    [JsonProperty("starts")]
    public int Starts { get; init; }
}
