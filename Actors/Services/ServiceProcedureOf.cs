namespace IncusOs.Actors.Services;

/// <summary>
/// A service procedure over its own document type: an update is "let the old config go", then
/// "run with the new one", the split that decides which config is kept when a step fails.
/// </summary>
internal abstract class ServiceProcedure<TState, TConfig> : ServiceProcedure
    where TState : new()
    where TConfig : new()
{
    public override object Show(ServicesState state)
    {
        var document = Select(state);

        return document with { Config = Normalise(document.Config) };
    }

    public override ServicesState KeepState(ServicesState current, ServicesState from) =>
        Replace(current, Select(current) with { State = Select(from).State });

    public override ServicesState KeepDocument(ServicesState current, ServicesState from) =>
        Replace(current, Select(from));

    public override bool ShouldStart(ServicesState state) => ShouldStart(Select(state).Config);

    public override Task StartAsync(ServicesState state, ServiceHost host, CancellationToken cancellationToken) =>
        StartAsync(Select(state).Config, host, cancellationToken);

    public override Task StopAsync(ServicesState state, ServiceHost host, CancellationToken cancellationToken) =>
        StopAsync(Select(state).Config, host, cancellationToken);

    public override async Task<ServiceUpdateResult> UpdateAsync(
        ServicesState state, object config, ServiceHost host, CancellationToken cancellationToken)
    {
        var current = Select(state);
        if (config is not TConfig typed)
        {
            return new ServiceUpdateResult(state, new ArgumentException($"not a {Name} configuration"));
        }

        var next = Normalise(typed);
        try
        {
            await ReleaseAsync(current.Config, next, host, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ServiceUpdateResult(state, ex);
        }

        var stored = Replace(state, current with { Config = next });
        try
        {
            await ApplyAsync(current.Config, next, host, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ServiceUpdateResult(stored, ex);
        }

        return new ServiceUpdateResult(stored, null);
    }

    protected abstract ServiceDocument<TState, TConfig> Select(ServicesState state);

    protected abstract ServicesState Replace(ServicesState state, ServiceDocument<TState, TConfig> document);

    /// <summary>The config as stored and shown: lists never null.</summary>
    protected virtual TConfig Normalise(TConfig config) => config;

    protected abstract bool ShouldStart(TConfig config);

    /// <summary>Start, guarded by <see cref="ShouldStart(TConfig)"/> inside.</summary>
    protected abstract Task StartAsync(TConfig config, ServiceHost host, CancellationToken cancellationToken);

    /// <summary>Stop, guarded by <see cref="ShouldStart(TConfig)"/> inside.</summary>
    protected abstract Task StopAsync(TConfig config, ServiceHost host, CancellationToken cancellationToken);

    /// <summary>The update steps taken while the old config is still the stored one.</summary>
    protected abstract Task ReleaseAsync(
        TConfig old, TConfig next, ServiceHost host, CancellationToken cancellationToken);

    /// <summary>The update steps taken once the new config is the stored one.</summary>
    protected abstract Task ApplyAsync(
        TConfig old, TConfig next, ServiceHost host, CancellationToken cancellationToken);
}
