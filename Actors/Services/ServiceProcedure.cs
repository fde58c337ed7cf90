namespace IncusOs.Actors.Services;

/// <summary>
/// One service's procedures (services.md §3–§8), free of actor state: each takes the current
/// <see cref="ServicesState"/> and a <see cref="ServiceHost"/> and returns what to keep.
/// </summary>
internal abstract class ServiceProcedure
{
    public abstract string Name { get; }

    /// <summary>The document GET shows (lists that were never set shown as <c>[]</c>).</summary>
    public abstract object Show(ServicesState state);

    /// <summary>Whether the service runs at start-up and is stopped at shutdown (services.md §2).</summary>
    public abstract bool ShouldStart(ServicesState state);

    public abstract Task StartAsync(ServicesState state, ServiceHost host, CancellationToken cancellationToken);

    public abstract Task StopAsync(ServicesState state, ServiceHost host, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="config"/>. A failure before the old config was let go keeps the old
    /// config; a failure after it keeps the new one (it is what the machine now runs with).
    /// </summary>
    public abstract Task<ServiceUpdateResult> UpdateAsync(
        ServicesState state, object config, ServiceHost host, CancellationToken cancellationToken);

    /// <summary>This service's run-time state taken from <paramref name="from"/>, the rest kept.</summary>
    public abstract ServicesState KeepState(ServicesState current, ServicesState from);

    /// <summary>This service's whole document taken from <paramref name="from"/>, the rest kept.</summary>
    public abstract ServicesState KeepDocument(ServicesState current, ServicesState from);

    /// <summary>Reads the run-time fields GET shows; the default has none.</summary>
    public virtual Task<ServicesState> RefreshAsync(
        ServicesState state, ServiceHost host, CancellationToken cancellationToken) => Task.FromResult(state);
}
