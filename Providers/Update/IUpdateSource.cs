namespace IncusOs.Providers.Update;

/// <summary>
/// Where releases come from (<c>images</c>, <c>local</c>, <c>operations-center</c>). "No update available"
/// is a null result, never an exception; failures are <see cref="ProviderException"/>s whose message is
/// meant for the operator.
/// </summary>
public interface IUpdateSource
{
    /// <summary>The provider name as persisted: <c>images</c>, <c>local</c> or <c>operations-center</c>.</summary>
    string Name { get; }

    /// <summary>The newest release, or null when the source has none. Network sources cache it for an hour.</summary>
    Task<UpdateRelease?> GetReleaseAsync(CancellationToken cancellationToken);

    /// <summary>A Secure Boot key update, or null when none is offered.</summary>
    Task<SecureBootKeyUpdate?> GetSecureBootKeyUpdateAsync(CancellationToken cancellationToken);

    /// <summary>Forgets the cached release, so the next call asks the server again.</summary>
    void ClearCache();

    /// <summary>
    /// Opens the published bytes of <paramref name="asset"/> (still compressed). A refused request is a
    /// <see cref="ProviderException"/> naming the status.
    /// </summary>
    Task<Stream> OpenAsync(UpdateAsset asset, CancellationToken cancellationToken);
}
