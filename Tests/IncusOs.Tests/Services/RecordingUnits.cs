using IncusOs.Providers.Systemd;

namespace IncusOs.Tests.Services;

/// <summary>
/// Units that record each job into the tools' log. A unit named in <see cref="Failing"/> fails its
/// jobs; <see cref="Gate"/>, when set, holds every job until it is released.
/// </summary>
public sealed class RecordingUnits(RecordingTools log) : ISystemdUnits
{
    private readonly HashSet<string> _active = [];

    public HashSet<string> Failing { get; } = [];

    public TaskCompletionSource? Gate { get; set; }

    public Task StartAsync(string unit, CancellationToken cancellationToken) => Job("start", unit, true);

    public Task StopAsync(string unit, CancellationToken cancellationToken) => Job("stop", unit, false);

    public Task RestartAsync(string unit, CancellationToken cancellationToken) => Job("restart", unit, true);

    public Task EnableAsync(IReadOnlyList<string> units, CancellationToken cancellationToken)
    {
        log.Record("systemctl enable " + string.Join(' ', units));
        return Task.CompletedTask;
    }

    public Task ReloadAsync(CancellationToken cancellationToken)
    {
        log.Record("systemctl daemon-reload");
        return Task.CompletedTask;
    }

    public Task<bool> IsActiveAsync(string unit, CancellationToken cancellationToken)
    {
        lock (_active)
        {
            return Task.FromResult(_active.Contains(unit));
        }
    }

    private async Task Job(string verb, string unit, bool active)
    {
        log.Record($"systemctl {verb} {unit}");
        if (Gate is { } gate)
        {
            await gate.Task;
        }

        if (Failing.Contains(unit))
        {
            throw new SystemdException($"the {verb} job of unit {unit} ended with result \"failed\"");
        }

        lock (_active)
        {
            if (active)
            {
                _active.Add(unit);
            }
            else
            {
                _active.Remove(unit);
            }
        }
    }
}
