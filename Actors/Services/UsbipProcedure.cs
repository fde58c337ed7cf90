using Akka.Event;

namespace IncusOs.Actors.Services;

/// <summary>
/// <c>usbip</c> (services.md §8): attaches each remote device; a failed attach is a warning only.
/// Detaching is not supported, so stop does nothing.
/// </summary>
internal sealed class UsbipProcedure : ServiceProcedure<EmptyServiceState, UsbipConfig>
{
    public override string Name => "usbip";

    protected override ServiceDocument<EmptyServiceState, UsbipConfig> Select(ServicesState state) => state.Usbip;

    protected override ServicesState Replace(
        ServicesState state, ServiceDocument<EmptyServiceState, UsbipConfig> document) =>
        state with { Usbip = document };

    protected override UsbipConfig Normalise(UsbipConfig config) => config with { Targets = config.Targets ?? [] };

    protected override bool ShouldStart(UsbipConfig config) => config.Targets is { Count: > 0 };

    protected override async Task StartAsync(UsbipConfig config, ServiceHost host, CancellationToken cancellationToken)
    {
        if (!ShouldStart(config))
        {
            return;
        }

        await host.RunAsync(cancellationToken, "modprobe", "vhci-hcd").ConfigureAwait(false);
        foreach (var target in config.Targets!)
        {
            try
            {
                await host.RunAsync(cancellationToken, "usbip", "attach", "-r", target.Address, "-b", target.BusId)
                    .ConfigureAwait(false);
            }
            catch (Providers.ProviderException ex)
            {
                host.Log.Warning(
                    "Failed to attach USB device {BusId} from {Address}: {Reason}",
                    target.BusId,
                    target.Address,
                    ex.Message);
            }
        }
    }

    protected override Task StopAsync(UsbipConfig config, ServiceHost host, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected override Task ReleaseAsync(
        UsbipConfig old, UsbipConfig next, ServiceHost host, CancellationToken cancellationToken) => Task.CompletedTask;

    protected override Task ApplyAsync(
        UsbipConfig old, UsbipConfig next, ServiceHost host, CancellationToken cancellationToken) =>
        StartAsync(next, host, cancellationToken);
}
