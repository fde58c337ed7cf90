namespace IncusOs.Tests.Support;

/// <summary>One simulated daemon shared by the tests of a class that only read, or change nothing others check.</summary>
public sealed class DaemonFixture : IAsyncLifetime
{
    private DaemonProcess? _daemon;

    public DaemonProcess Daemon => _daemon ?? throw new InvalidOperationException("daemon not started");

    public async Task InitializeAsync() => _daemon = await DaemonProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_daemon is not null)
        {
            await _daemon.DisposeAsync();
        }
    }
}
