using Akka.Event;

namespace IncusOs.Actors.Services;

/// <summary><c>nvme</c> (services.md §6): the host identity, discovery of each target, connect-all.</summary>
internal sealed class NvmeProcedure : ServiceProcedure<NvmeState, NvmeConfig>
{
    private const string HostIdFile = "/etc/nvme/hostid";
    private const string HostNqnFile = "/etc/nvme/hostnqn";
    private const string DiscoveryFile = "/etc/nvme/discovery.conf";

    public override string Name => "nvme";

    public override Task<ServicesState> RefreshAsync(
        ServicesState state, ServiceHost host, CancellationToken cancellationToken)
    {
        if (!state.Nvme.Config.Enabled)
        {
            return Task.FromResult(state);
        }

        var identity = new NvmeState
        {
            HostId = host.ReadFile(HostIdFile).Trim(),
            HostNqn = host.ReadFile(HostNqnFile).Trim(),
        };

        return Task.FromResult(state with { Nvme = state.Nvme with { State = identity } });
    }

    protected override ServiceDocument<NvmeState, NvmeConfig> Select(ServicesState state) => state.Nvme;

    protected override ServicesState Replace(ServicesState state, ServiceDocument<NvmeState, NvmeConfig> document) =>
        state with { Nvme = document };

    protected override NvmeConfig Normalise(NvmeConfig config) => config with { Targets = config.Targets ?? [] };

    protected override bool ShouldStart(NvmeConfig config) => config.Enabled;

    protected override async Task StartAsync(NvmeConfig config, ServiceHost host, CancellationToken cancellationToken)
    {
        if (!config.Enabled)
        {
            return;
        }

        foreach (var module in new[] { "nvme", "nvme-fabrics", "nvme-tcp" })
        {
            await host.RunAsync(cancellationToken, "modprobe", module).ConfigureAwait(false);
        }

        host.EnsureDirectory("/etc/nvme");
        if (!host.Exists(HostNqnFile))
        {
            var nqn = await host.RunAsync(cancellationToken, "nvme", "gen-hostnqn").ConfigureAwait(false);
            host.WriteFile(HostNqnFile, nqn);
        }

        if (!host.Exists(HostIdFile))
        {
            host.WriteFile(HostIdFile, Guid.NewGuid().ToString("D") + "\n");
        }

        host.WriteFile(DiscoveryFile, await DiscoverAsync(config, host, cancellationToken).ConfigureAwait(false));
        using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connect.CancelAfter(host.Options.NvmeConnectDeadline);
        await host.RunAsync(connect.Token, "nvme", "connect-all").ConfigureAwait(false);
    }

    protected override async Task StopAsync(NvmeConfig config, ServiceHost host, CancellationToken cancellationToken)
    {
        if (!config.Enabled)
        {
            return;
        }

        await host.RunAsync(cancellationToken, "nvme", "disconnect-all").ConfigureAwait(false);
        host.DeleteFile(DiscoveryFile);
    }

    protected override Task ReleaseAsync(
        NvmeConfig old, NvmeConfig next, ServiceHost host, CancellationToken cancellationToken) =>
        StopAsync(old, host, cancellationToken);

    protected override Task ApplyAsync(
        NvmeConfig old, NvmeConfig next, ServiceHost host, CancellationToken cancellationToken) =>
        StartAsync(next, host, cancellationToken);

    /// <summary>Tries each target (failures are not fatal) and returns the lines of discovery.conf.</summary>
    private static async Task<string> DiscoverAsync(
        NvmeConfig config, ServiceHost host, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(host.Options.NvmeDiscoveryDeadline);
        var lines = new System.Text.StringBuilder();
        foreach (var target in config.Targets ?? [])
        {
            var port = target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                await Retry.RunAsync(
                    host.Options.DiscoveryAttempts,
                    host.Options.DiscoveryRetryDelay,
                    () => host.RunAsync(
                        deadline.Token,
                        "nvme",
                        "discover",
                        "--transport",
                        target.Transport,
                        "--traddr",
                        target.Address,
                        "--trsvcid",
                        port),
                    deadline.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is Providers.ProviderException
                || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                host.Log.Warning("NVMe discovery of {Address} failed: {Reason}", target.Address, ex.Message);
            }

            lines.Append($"--transport={target.Transport} --traddr={target.Address} --trsvcid={port}\n");
        }

        return lines.ToString();
    }
}
