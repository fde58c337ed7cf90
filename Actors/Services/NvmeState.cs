using Newtonsoft.Json;

namespace IncusOs.Actors.Services;

/// <summary><c>nvme</c> run-time state: the host's NVMe identity, read when enabled.</summary>
public sealed record NvmeState
{
    [JsonProperty("host_id")]
    public string HostId { get; init; } = string.Empty;

    [JsonProperty("host_nqn")]
    public string HostNqn { get; init; } = string.Empty;
}
