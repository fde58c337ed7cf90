using Newtonsoft.Json;

namespace IncusOs.Actors.Storage;

/// <summary>The body of <c>POST /1.0/system/storage/wipe</c>: the drive's kernel path from GET.</summary>
public sealed record SystemStorageWipe
{
    [JsonProperty("id")]
    public string Id { get; init; } = string.Empty;
}
