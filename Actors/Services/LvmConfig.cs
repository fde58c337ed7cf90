using Newtonsoft.Json;

namespace IncusOs.Actors.Services;

/// <summary><c>lvm</c> configuration: lvmlockd on or off and the host id (services.md §4).</summary>
public sealed record LvmConfig
{
    [JsonProperty("enabled")]
    public bool Enabled { get; init; }

    [JsonProperty("system_id")]
    public long SystemId { get; init; }
}
