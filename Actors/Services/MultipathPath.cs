using Newtonsoft.Json;

namespace IncusOs.Actors.Services;

/// <summary>One path of a path group: its SCSI id and state.</summary>
public sealed record MultipathPath
{
    [JsonProperty("id")]
    public string Id { get; init; } = string.Empty;

    [JsonProperty("status")]
    public string Status { get; init; } = string.Empty;
}
