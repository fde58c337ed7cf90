using Akka.Event;

namespace IncusOs.Actors.Services;

/// <summary>
/// <c>multipath</c> (services.md §5): the WWN allow-list and multipathd. Unlike the reference, turning
/// it off is stored (DECISIONS.md), so it does not come back at the next boot.
/// </summary>
internal sealed class MultipathProcedure : ServiceProcedure<MultipathState, MultipathConfig>
{
    public override string Name => "multipath";

    public override async Task<ServicesState> RefreshAsync(
        ServicesState state, ServiceHost host, CancellationToken cancellationToken)
    {
        var config = state.Multipath.Config;
        if (!config.Enabled)
        {
            return state;
        }

        var devices = new SortedDictionary<string, MultipathDevice>(StringComparer.Ordinal);
        foreach (var wwn in config.Wwns ?? [])
        {
            string output;
            try
            {
                output = await host.RunAsync(cancellationToken, "multipath", "-ll", Bare(wwn)).ConfigureAwait(false);
            }
            catch (Providers.ProviderException ex)
            {
                host.Log.Warning("Failed to read multipath device {Wwn}: {Reason}", wwn, ex.Message);
                continue;
            }

            if (MultipathOutput.Parse(output) is { } device)
            {
                devices[wwn] = device;
            }
        }

        return state with { Multipath = state.Multipath with { State = new MultipathState { Devices = devices } } };
    }

    /// <summary>A WWN without its <c>0x</c> prefix, as multipath wants it.</summary>
    public static string Bare(string wwn) => wwn.StartsWith("0x", StringComparison.Ordinal) ? wwn[2..] : wwn;

    protected override ServiceDocument<MultipathState, MultipathConfig> Select(ServicesState state) =>
        state.Multipath;

    protected override ServicesState Replace(
        ServicesState state, ServiceDocument<MultipathState, MultipathConfig> document) =>
        state with { Multipath = document };

    protected override MultipathConfig Normalise(MultipathConfig config) => config with { Wwns = config.Wwns ?? [] };

    protected override bool ShouldStart(MultipathConfig config) => config.Enabled;

    protected override async Task StartAsync(
        MultipathConfig config, ServiceHost host, CancellationToken cancellationToken)
    {
        if (!config.Enabled)
        {
            return;
        }

        host.EnsureDirectory("/etc/multipath");
        host.WriteFile("/etc/multipath/wwids", string.Concat((config.Wwns ?? []).Select(w => $"/{Bare(w)}/\n")));
        await host.StartUnitsAsync(cancellationToken, "multipathd.service").ConfigureAwait(false);
        await host.RunAsync(cancellationToken, "multipath", "-r").ConfigureAwait(false);
    }

    protected override async Task StopAsync(
        MultipathConfig config, ServiceHost host, CancellationToken cancellationToken)
    {
        if (!config.Enabled)
        {
            return;
        }

        host.DeleteDirectory("/etc/multipath");
        await host.RunAsync(cancellationToken, "multipath", "-r").ConfigureAwait(false);
        await Task.Delay(host.Options.MultipathSettle, cancellationToken).ConfigureAwait(false);
        await host.StopUnitsAsync(cancellationToken, "multipathd.service", "multipathd.socket").ConfigureAwait(false);
    }

    protected override Task ReleaseAsync(
        MultipathConfig old, MultipathConfig next, ServiceHost host, CancellationToken cancellationToken) =>
        old.Enabled && !next.Enabled ? StopAsync(old, host, cancellationToken) : Task.CompletedTask;

    protected override Task ApplyAsync(
        MultipathConfig old, MultipathConfig next, ServiceHost host, CancellationToken cancellationToken) =>
        StartAsync(next, host, cancellationToken);
}
