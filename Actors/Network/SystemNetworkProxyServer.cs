using Newtonsoft.Json;

namespace IncusOs.Actors.Network;

/// <summary>One upstream proxy; <c>auth</c> is <c>anonymous</c>, <c>basic</c> or <c>kerberos</c>.</summary>
public sealed record SystemNetworkProxyServer
{
    [JsonProperty("host")]
    public string Host { get; init; } = string.Empty;

    [JsonProperty("use_tls")]
    public bool UseTls { get; init; }

    [JsonProperty("auth")]
    public string Auth { get; init; } = string.Empty;

    [JsonProperty("username")]
    public string Username { get; init; } = string.Empty;

    [JsonProperty("password")]
    public string Password { get; init; } = string.Empty;

    [JsonProperty("realm")]
    public string Realm { get; init; } = string.Empty;

    public bool ShouldSerializeUsername() => Username.Length > 0;

    public bool ShouldSerializePassword() => Password.Length > 0;

    public bool ShouldSerializeRealm() => Realm.Length > 0;
}
