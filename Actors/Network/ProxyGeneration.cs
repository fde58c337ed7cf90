namespace IncusOs.Actors.Network;

/// <summary>The kpx YAML and the proxy config it came from (with the default rule added), or an error.</summary>
public sealed record ProxyGeneration(SystemNetworkProxy? Proxy, string? Yaml, string? Error)
{
    public static ProxyGeneration Failed(string error) => new(null, null, error);
}
