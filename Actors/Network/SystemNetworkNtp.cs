using Newtonsoft.Json;

namespace IncusOs.Actors.Network;

/// <summary>Time servers (there is no <c>time</c> object at the reference version).</summary>
public sealed record SystemNetworkNtp
{
    [JsonProperty("timeservers")]
    public IReadOnlyList<string> Timeservers { get; init; } = [];

    public bool ShouldSerializeTimeservers() => Timeservers.Count > 0;
}
