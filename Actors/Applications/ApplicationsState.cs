using Newtonsoft.Json;

namespace IncusOs.Actors.Applications;

/// <summary>The applications actor's state file: every installed application by name.</summary>
public sealed record ApplicationsState
{
    [JsonProperty("applications")]
    public IReadOnlyDictionary<string, ApplicationDocument> Applications { get; init; } =
        new SortedDictionary<string, ApplicationDocument>(StringComparer.Ordinal);

    public ApplicationsState With(string name, ApplicationDocument document) => this with
    {
        Applications = new SortedDictionary<string, ApplicationDocument>(
            Applications.ToDictionary(), StringComparer.Ordinal) { [name] = document },
    };
}
