using Newtonsoft.Json;

namespace IncusOs.Providers.Update;

/// <summary>One release of the index (<c>UpdateFull</c>): the update document plus its directory URL.</summary>
public sealed record UpdateIndexEntry
{
    [JsonProperty("format")]
    public string Format { get; init; } = string.Empty;

    [JsonProperty("channels")]
    public IReadOnlyList<string>? Channels { get; init; }

    [JsonProperty("files")]
    public IReadOnlyList<UpdateIndexFile>? Files { get; init; }

    [JsonProperty("origin")]
    public string Origin { get; init; } = string.Empty;

    [JsonProperty("published_at")]
    public string PublishedAt { get; init; } = string.Empty;

    [JsonProperty("severity")]
    public string Severity { get; init; } = string.Empty;

    [JsonProperty("version")]
    public string Version { get; init; } = string.Empty;

    [JsonProperty("url")]
    public string Url { get; init; } = string.Empty;

    /// <summary>True when the release is offered on <paramref name="channel"/> (or lists no channel at all).</summary>
    public bool IsOn(string? channel) =>
        string.IsNullOrEmpty(channel) || Channels is null || Channels.Count == 0 || Channels.Contains(channel);
}
