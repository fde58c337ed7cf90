using Newtonsoft.Json;

namespace IncusOs.Actors.Services;

/// <summary><c>ovn</c> configuration (services.md §7). The key is shown by GET, as the reference does.</summary>
public sealed record OvnConfig
{
    [JsonProperty("enabled")]
    public bool Enabled { get; init; }

    [JsonProperty("ic_chassis")]
    public bool IcChassis { get; init; }

    [JsonProperty("database")]
    public string Database { get; init; } = string.Empty;

    [JsonProperty("tls_client_certificate")]
    public string TlsClientCertificate { get; init; } = string.Empty;

    [JsonProperty("tls_client_key")]
    public string TlsClientKey { get; init; } = string.Empty;

    [JsonProperty("tls_ca_certificate")]
    public string TlsCaCertificate { get; init; } = string.Empty;

    [JsonProperty("tunnel_address")]
    public string TunnelAddress { get; init; } = string.Empty;

    [JsonProperty("tunnel_protocol")]
    public string TunnelProtocol { get; init; } = string.Empty;
}
