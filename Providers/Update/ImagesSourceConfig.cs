namespace IncusOs.Providers.Update;

/// <summary>The <c>images</c> provider's configuration keys, resolved (defaults applied).</summary>
public sealed record ImagesSourceConfig(string ServerUrl, string UpdateCa, string? Channel, string Architecture)
{
    /// <summary>
    /// From the persisted provider config: no <c>server_url</c> means the public server and the built-in CA
    /// (the configured <c>update_ca</c> is then ignored, as in the reference).
    /// </summary>
    public static ImagesSourceConfig From(IReadOnlyDictionary<string, string> config, string builtInCa)
    {
        var url = config.GetValueOrDefault("server_url");
        var channel = config.GetValueOrDefault("channel");

        return string.IsNullOrEmpty(url)
            ? new ImagesSourceConfig(ImagesSource.DefaultServerUrl, builtInCa, channel, LocalArchitecture.Name)
            : new ImagesSourceConfig(
                url.TrimEnd('/'),
                config.GetValueOrDefault("update_ca") ?? string.Empty,
                channel,
                LocalArchitecture.Name);
    }
}
