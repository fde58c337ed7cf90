namespace IncusOs.Providers.Systemd;

/// <summary>
/// systemd units as the daemon drives them: start, stop, restart and enable, each waiting until the
/// job systemd queued has finished. A unit that does not exist, a refusal or a failed job is a
/// <see cref="SystemdException"/> whose message names the unit.
/// </summary>
public interface ISystemdUnits
{
    /// <summary><c>systemctl start UNIT</c>: returns once the start job is done.</summary>
    Task StartAsync(string unit, CancellationToken cancellationToken);

    /// <summary><c>systemctl stop UNIT</c>: returns once the stop job is done.</summary>
    Task StopAsync(string unit, CancellationToken cancellationToken);

    /// <summary><c>systemctl restart UNIT</c>: returns once the restart job is done.</summary>
    Task RestartAsync(string unit, CancellationToken cancellationToken);

    /// <summary><c>systemctl enable UNIT...</c> (unit files only; nothing is started).</summary>
    Task EnableAsync(IReadOnlyList<string> units, CancellationToken cancellationToken);

    /// <summary><c>systemctl daemon-reload</c>: re-reads every unit file.</summary>
    Task ReloadAsync(CancellationToken cancellationToken);

    /// <summary><c>systemctl is-active UNIT</c> printing <c>active</c>; a unit not loaded is not active.</summary>
    Task<bool> IsActiveAsync(string unit, CancellationToken cancellationToken);
}
