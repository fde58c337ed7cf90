namespace IncusOs.Actors.Services;

/// <summary><c>iscsi</c> (services.md §3): iscsid, discovery with retries, login and logout per target.</summary>
internal sealed class IscsiProcedure : ServiceProcedure<IscsiState, IscsiConfig>
{
    private const string InitiatorFile = "/etc/iscsi/initiatorname.iscsi";

    public override string Name => "iscsi";

    public override Task<ServicesState> RefreshAsync(
        ServicesState state, ServiceHost host, CancellationToken cancellationToken)
    {
        if (!state.Iscsi.Config.Enabled)
        {
            return Task.FromResult(state);
        }

        var text = host.ReadFile(InitiatorFile).Trim();
        var name = text.StartsWith("InitiatorName=", StringComparison.Ordinal) ? text["InitiatorName=".Length..] : text;

        return Task.FromResult(
            state with { Iscsi = state.Iscsi with { State = new IscsiState { InitiatorName = name } } });
    }

    protected override ServiceDocument<IscsiState, IscsiConfig> Select(ServicesState state) => state.Iscsi;

    protected override ServicesState Replace(
        ServicesState state, ServiceDocument<IscsiState, IscsiConfig> document) => state with { Iscsi = document };

    protected override IscsiConfig Normalise(IscsiConfig config) => config with { Targets = config.Targets ?? [] };

    protected override bool ShouldStart(IscsiConfig config) => config.Enabled;

    protected override async Task StartAsync(IscsiConfig config, ServiceHost host, CancellationToken cancellationToken)
    {
        if (!config.Enabled)
        {
            return;
        }

        host.EnsureDirectory("/etc/iscsi");
        if (!host.Exists(InitiatorFile))
        {
            var name = await host.RunAsync(
                cancellationToken, "iscsi-iname", "-p", "iqn.2004-10.org.linuxcontainers:01").ConfigureAwait(false);
            host.WriteFile(InitiatorFile, $"InitiatorName={name.Trim()}\n");
        }

        if (!host.Exists("/etc/iscsi/iscsid.conf"))
        {
            host.WriteFile("/etc/iscsi/iscsid.conf", string.Empty);
        }

        await host.StartUnitsAsync(cancellationToken, "iscsid.service").ConfigureAwait(false);
        foreach (var target in config.Targets ?? [])
        {
            await Retry.RunAsync(
                host.Options.DiscoveryAttempts,
                host.Options.DiscoveryRetryDelay,
                () => host.RunAsync(
                    cancellationToken, "iscsiadm", "-m", "discovery", "-t", "sendtargets", "-p", target.Portal),
                cancellationToken).ConfigureAwait(false);
            await host.RunAsync(
                    cancellationToken, "iscsiadm", "-m", "node", "-T", target.Target, "-p", target.Portal, "--login")
                .ConfigureAwait(false);
        }
    }

    protected override async Task StopAsync(IscsiConfig config, ServiceHost host, CancellationToken cancellationToken)
    {
        if (!config.Enabled)
        {
            return;
        }

        foreach (var target in config.Targets ?? [])
        {
            await host.RunAsync(
                    cancellationToken, "iscsiadm", "-m", "node", "-T", target.Target, "-p", target.Portal, "--logout")
                .ConfigureAwait(false);
        }

        await host.StopUnitsAsync(cancellationToken, "iscsid.service").ConfigureAwait(false);
    }

    protected override Task ReleaseAsync(
        IscsiConfig old, IscsiConfig next, ServiceHost host, CancellationToken cancellationToken) =>
        StopAsync(old, host, cancellationToken);

    protected override Task ApplyAsync(
        IscsiConfig old, IscsiConfig next, ServiceHost host, CancellationToken cancellationToken) =>
        StartAsync(next, host, cancellationToken);
}
