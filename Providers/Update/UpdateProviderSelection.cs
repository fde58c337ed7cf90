using Newtonsoft.Json;

namespace IncusOs.Providers.Update;

/// <summary>The persisted provider choice (the reference's <c>System.Provider.Config</c>): name and keys.</summary>
public sealed record UpdateProviderSelection
{
    [JsonProperty("name")]
    public string Name { get; init; } = string.Empty;

    [JsonProperty("config")]
    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();
}
