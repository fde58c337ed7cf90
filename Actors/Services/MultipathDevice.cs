using Newtonsoft.Json;

namespace IncusOs.Actors.Services;

/// <summary>One multipath device as <c>multipath -ll</c> shows it.</summary>
public sealed record MultipathDevice
{
    [JsonProperty("vendor")]
    public string Vendor { get; init; } = string.Empty;

    [JsonProperty("size")]
    public string Size { get; init; } = string.Empty;

    [JsonProperty("path_groups")]
    public IReadOnlyList<MultipathPathGroup>? PathGroups { get; init; }
}
