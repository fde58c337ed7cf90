using Newtonsoft.Json;

namespace IncusOs.Actors.Services;

/// <summary><c>multipath</c> run-time state: the devices by WWN, <c>null</c> until read once.</summary>
public sealed record MultipathState
{
    [JsonProperty("devices")]
    public IReadOnlyDictionary<string, MultipathDevice>? Devices { get; init; }
}
