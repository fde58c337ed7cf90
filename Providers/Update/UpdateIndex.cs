using Newtonsoft.Json;

namespace IncusOs.Providers.Update;

/// <summary>The verified content of <c>index.sjson</c>: releases, newest first (spec update.md §9).</summary>
public sealed record UpdateIndex
{
    [JsonProperty("format")]
    public string Format { get; init; } = string.Empty;

    [JsonProperty("updates")]
    public IReadOnlyList<UpdateIndexEntry>? Updates { get; init; }
}
