namespace IncusOs.Providers.Update;

/// <summary>Where the sources find their local inputs and how they talk HTTP.</summary>
public sealed record UpdateSourceSettings
{
    /// <summary>The provider used when none is persisted: <c>images</c> on a host, <c>local</c> simulated.</summary>
    public string DefaultProvider { get; init; } = "images";

    /// <summary>The <c>local</c> source's directory: <c>/root/updates</c>, or <c>STATE/updates</c> simulated.</summary>
    public string LocalDirectory { get; init; } = "/root/updates";

    /// <summary>Where the Incus server certificate presented to the Operations Center lives.</summary>
    public string ClientCertificateDirectory { get; init; } = "/var/lib/incus";

    public UpdateHttpOptions Http { get; init; } = new();
}
