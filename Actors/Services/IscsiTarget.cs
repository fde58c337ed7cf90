using Newtonsoft.Json;

namespace IncusOs.Actors.Services;

/// <summary>One iSCSI target and the portal it is reached through.</summary>
public sealed record IscsiTarget
{
    [JsonProperty("target")]
    public string Target { get; init; } = string.Empty;

    [JsonProperty("address")]
    public string Address { get; init; } = string.Empty;

    [JsonProperty("port")]
    public int Port { get; init; }

    /// <summary>The portal: the address (bracketed when it holds a colon) and <c>:port</c> when set.</summary>
    [JsonIgnore]
    public string Portal =>
        (Address.Contains(':', StringComparison.Ordinal) ? $"[{Address}]" : Address) + (Port > 0 ? $":{Port}" : "");
}
