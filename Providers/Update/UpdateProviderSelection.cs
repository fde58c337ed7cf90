using Newtonsoft.Json;

namespace IncusOs.Providers.Update;

/// <summary>The persisted provider choice (<c>System.Provider.Config</c> in the reference): a name and its keys.</summary>
public sealed record UpdateProviderSelection
{
    [JsonProperty("name")]
    public string Name { get; init; } = string.Empty;

    [JsonProperty("config")]
    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();
}
