using IncusOs.Providers.Services;
using IncusOs.Providers.Systemd;

namespace IncusOs.Actors.Applications;

/// <summary>The <c>incus</c> application's hooks (applications.md §5): its units and first-time defaults.</summary>
public sealed class IncusApplicationHooks : IApplicationHooks
{
    private static readonly string[] Units =
        ["incus.socket", "incus-lxcfs.service", "incus-startup.service", "incus.service"];

    private readonly ServiceTools _tools;
    private readonly ISystemdUnits _units;
    private readonly IIncusDefaults _defaults;

    public IncusApplicationHooks(ServiceTools tools, ISystemdUnits units, IIncusDefaults defaults)
    {
        _tools = tools;
        _units = units;
        _defaults = defaults;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await SysusersAsync(cancellationToken).ConfigureAwait(false);

        // systemctl enable --now: enable the unit files, then start each.
        await _units.EnableAsync(Units, cancellationToken).ConfigureAwait(false);
        foreach (var unit in Units)
        {
            await _units.StartAsync(unit, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _units.StopAsync("incus-startup.service", cancellationToken).ConfigureAwait(false);
        await _units.StopAsync("incus.service", cancellationToken).ConfigureAwait(false);
        await _units.StopAsync("incus-lxcfs.service", cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateAsync(CancellationToken cancellationToken)
    {
        await SysusersAsync(cancellationToken).ConfigureAwait(false);
        await _units.RestartAsync("incus.service", cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> IsRunningAsync(CancellationToken cancellationToken) =>
        _units.IsActiveAsync("incus.service", cancellationToken);

    public Task InitializeAsync(CancellationToken cancellationToken) => _defaults.ApplyAsync(cancellationToken);

    private Task SysusersAsync(CancellationToken cancellationToken) =>
        _tools.Runner.RunAsync("systemd-sysusers", [], null, cancellationToken);
}
