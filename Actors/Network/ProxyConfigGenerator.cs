using System.Text;
using System.Text.RegularExpressions;

namespace IncusOs.Actors.Network;

/// <summary>
/// The kpx configuration of network.md §5.2. When the config has no rules the reference adds a
/// default one to the stored configuration itself (kept: it shows in GET), so the result carries the
/// possibly amended proxy as well as the YAML.
/// </summary>
public static partial class ProxyConfigGenerator
{
    private static readonly string[] AuthTypes = ["anonymous", "basic", "kerberos"];

    /// <summary>Builds the YAML, or returns the reference's error for a bad server or rule.</summary>
    public static ProxyGeneration Generate(SystemNetworkProxy proxy)
    {
        if (proxy.Rules.Count == 0)
        {
            var target = proxy.Servers.Keys.Order(StringComparer.Ordinal).FirstOrDefault() ?? "direct";
            proxy = proxy with { Rules = [new SystemNetworkProxyRule { Destination = "*", Target = target }] };
        }

        var names = proxy.Servers.Keys.Order(StringComparer.Ordinal).ToList();
        var proxies = new StringBuilder();
        var credentials = new StringBuilder();
        foreach (var name in names)
        {
            var server = proxy.Servers[name];
            if (name is "direct" or "none")
            {
                return ProxyGeneration.Failed($"cannot use reserved keyword '{name}' for proxy definition");
            }

            if (!AuthTypes.Contains(server.Auth))
            {
                return ProxyGeneration.Failed($"unsupported proxy authentication type {server.Auth}");
            }

            if (ParseHost(server) is not { } endpoint)
            {
                return ProxyGeneration.Failed($"invalid proxy host \"{server.Host}\" for proxy {name}");
            }

            proxies.Append("  ").Append(Scalar(name)).Append(":\n");
            proxies.Append("    host: ").Append(Scalar(endpoint.Host)).Append('\n');
            if (endpoint.Port != 0)
            {
                proxies.Append("    port: ").Append(endpoint.Port).Append('\n');
            }

            proxies.Append("    ssl: ").Append(endpoint.Ssl ? "true" : "false").Append('\n');
            proxies.Append("    type: ").Append(Scalar(server.Auth)).Append('\n');
            if (server.Realm.Length > 0)
            {
                proxies.Append("    realm: ").Append(Scalar(server.Realm)).Append('\n');
            }

            if (server.Auth != "anonymous")
            {
                proxies.Append("    credential: ").Append(Scalar(name)).Append('\n');
                credentials.Append("  ").Append(Scalar(name)).Append(":\n")
                    .Append("    login: ").Append(Scalar(server.Username)).Append('\n')
                    .Append("    password: ").Append(Scalar(server.Password)).Append('\n');
            }
        }

        var rules = new StringBuilder();
        foreach (var rule in proxy.Rules)
        {
            if (rule.Target is not ("direct" or "none") && !proxy.Servers.ContainsKey(rule.Target))
            {
                return ProxyGeneration.Failed($"no proxy defined for target {rule.Target}");
            }

            rules.Append("- host: ").Append(Scalar(rule.Destination)).Append('\n')
                .Append("  proxy: ").Append(Scalar(rule.Target)).Append('\n');
        }

        var yaml = new StringBuilder("bind: localhost\nport: 3128\ncheck: false\n");
        yaml.Append(names.Count > 0 ? "proxies:\n" : "proxies: {}\n").Append(proxies);
        if (credentials.Length > 0)
        {
            yaml.Append("credentials:\n").Append(credentials);
        }

        yaml.Append("rules:\n").Append(rules);

        return new ProxyGeneration(proxy, yaml.ToString(), null);
    }

    /// <summary>
    /// Host, port and TLS of a server as the reference derives them: <c>http://</c> is assumed when the
    /// host has no scheme; without a port, <c>http://</c> means 80 and <c>https://</c> 443.
    /// </summary>
    private static (string Host, int Port, bool Ssl)? ParseHost(SystemNetworkProxyServer server)
    {
        var url = server.Host.StartsWith("http", StringComparison.Ordinal) ? server.Host : "http://" + server.Host;
        var match = UrlPattern().Match(url);
        if (!match.Success)
        {
            return null;
        }

        var host = match.Groups["host"].Value.Trim('[', ']');
        if (!match.Groups["port"].Success)
        {
            return server.Host.StartsWith("https://", StringComparison.Ordinal) ? (host, 443, true)
                : server.Host.StartsWith("http://", StringComparison.Ordinal) ? (host, 80, false)
                : (host, 0, server.UseTls);
        }

        return int.TryParse(match.Groups["port"].Value, out var port) && port is >= 0 and <= 65535
            ? (host, port, server.UseTls)
            : null;
    }

    /// <summary>A YAML scalar: plain when unambiguous, otherwise single-quoted.</summary>
    private static string Scalar(string value) =>
        PlainPattern().IsMatch(value) && !IsYamlKeyword(value) ? value : "'" + value.Replace("'", "''") + "'";

    private static bool IsYamlKeyword(string value) =>
        value.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off" or "null" or "y" or "n" or "~"
        || double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _);

    [GeneratedRegex(@"\A[A-Za-z]+://(?:[^@/?#]*@)?(?<host>\[[^\]]*\]|[^:/?#]*)(?::(?<port>[^/?#]*))?(?:[/?#].*)?\z")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"\A[A-Za-z0-9_][A-Za-z0-9_./@-]*\z")]
    private static partial Regex PlainPattern();
}
