using Newtonsoft.Json;

namespace IncusOs.Actors.Services;

/// <summary>
/// One service as <c>GET /1.0/services/{name}</c> shows it and <c>PUT</c> takes it: run-time
/// <c>state</c> and the <c>config</c> (the only part an update uses).
/// </summary>
public sealed record ServiceDocument<TState, TConfig>
    where TState : new()
    where TConfig : new()
{
    [JsonProperty("state")]
    public TState State { get; init; } = new();

    [JsonProperty("config")]
    public TConfig Config { get; init; } = new();
}
