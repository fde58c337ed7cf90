namespace IncusOs.Providers.Services;

/// <summary>
/// The <c>incus</c> application's first-time initialisation (applications.md §5.1): the seed's
/// preseed and, when asked, the defaults (pool <c>local</c>, network <c>incusbr0</c>, HTTPS address).
/// </summary>
public interface IIncusDefaults
{
    Task ApplyAsync(CancellationToken cancellationToken);
}
