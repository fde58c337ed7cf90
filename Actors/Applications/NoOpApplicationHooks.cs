namespace IncusOs.Actors.Applications;

/// <summary>Hooks of an application with no specific behaviour: nothing to do, always running.</summary>
public sealed class NoOpApplicationHooks : IApplicationHooks
{
    public static readonly NoOpApplicationHooks Instance = new();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task UpdateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> IsRunningAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
