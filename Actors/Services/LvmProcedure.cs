namespace IncusOs.Actors.Services;

/// <summary><c>lvm</c> (services.md §4): lvmlockd with sanlock, configured by <c>lvmlocal.conf</c>.</summary>
internal sealed class LvmProcedure : ServiceProcedure<EmptyServiceState, LvmConfig>
{
    private static readonly string[] Units = ["lvmlockd.service", "sanlock.service", "wdmd.service"];

    public override string Name => "lvm";

    /// <summary>The bytes of <c>/etc/lvm/lvmlocal.conf</c> for a host id.</summary>
    public static string LocalConf(long systemId) =>
        $"global {{\n\tuse_lvmlockd = 1\n}}\n\nlocal {{\n\thost_id = {systemId}\n}}\n";

    protected override ServiceDocument<EmptyServiceState, LvmConfig> Select(ServicesState state) => state.Lvm;

    protected override ServicesState Replace(
        ServicesState state, ServiceDocument<EmptyServiceState, LvmConfig> document) => state with { Lvm = document };

    protected override bool ShouldStart(LvmConfig config) => config.Enabled;

    protected override async Task StartAsync(LvmConfig config, ServiceHost host, CancellationToken cancellationToken)
    {
        if (!config.Enabled)
        {
            return;
        }

        Configure(config, host);
        await host.StartUnitsAsync(cancellationToken, Units).ConfigureAwait(false);
        await host.RunAsync(cancellationToken, "vgchange", "--lock-start").ConfigureAwait(false);
    }

    protected override async Task StopAsync(LvmConfig config, ServiceHost host, CancellationToken cancellationToken)
    {
        if (!config.Enabled)
        {
            return;
        }

        await host.RunAsync(cancellationToken, "vgchange", "--lock-stop").ConfigureAwait(false);
        await host.StopUnitsAsync(cancellationToken, Units).ConfigureAwait(false);
    }

    protected override Task ReleaseAsync(
        LvmConfig old, LvmConfig next, ServiceHost host, CancellationToken cancellationToken) =>
        old.Enabled && !next.Enabled ? StopAsync(old, host, cancellationToken) : Task.CompletedTask;

    protected override Task ApplyAsync(
        LvmConfig old, LvmConfig next, ServiceHost host, CancellationToken cancellationToken)
    {
        if (!old.Enabled && next.Enabled)
        {
            return StartAsync(next, host, cancellationToken);
        }

        // As the reference: the file is rewritten even when the service stays disabled.
        Configure(next, host);

        return Task.CompletedTask;
    }

    private static void Configure(LvmConfig config, ServiceHost host)
    {
        host.EnsureDirectory("/etc/lvm");
        host.WriteFile("/etc/lvm/lvmlocal.conf", LocalConf(config.SystemId));
    }
}
