using Newtonsoft.Json;

namespace IncusOs.Actors.Services;

/// <summary><c>iscsi</c> run-time state: the initiator name, read from the host when enabled.</summary>
public sealed record IscsiState
{
    [JsonProperty("initiator_name")]
    public string InitiatorName { get; init; } = string.Empty;
}
