namespace IncusOs.Actors.Applications;

/// <summary>The lifecycle hooks of one application (applications.md §5).</summary>
public interface IApplicationHooks
{
    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>Runs after a new version was activated while the application was running.</summary>
    Task UpdateAsync(CancellationToken cancellationToken);

    Task<bool> IsRunningAsync(CancellationToken cancellationToken);

    /// <summary>First-time initialisation; runs once, then <c>initialized</c> is true.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);
}
