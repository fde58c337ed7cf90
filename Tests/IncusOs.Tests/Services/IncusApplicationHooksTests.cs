using IncusOs.Actors.Applications;
using IncusOs.Providers.Services;

namespace IncusOs.Tests.Services;

/// <summary>The <c>incus</c> hooks' tools and unit jobs (applications.md §5).</summary>
public sealed class IncusApplicationHooksTests : IDisposable
{
    private readonly RecordingTools _tools = new();
    private readonly CountingDefaults _defaults = new();
    private readonly IncusApplicationHooks _hooks;

    public IncusApplicationHooksTests()
    {
        _hooks = new IncusApplicationHooks(new ServiceTools(_tools.Runner), _tools.Units, _defaults);
    }

    public void Dispose() => _tools.Dispose();

    [Fact]
    public async Task Start_SysusersThenEnableNow()
    {
        await _hooks.StartAsync(default);

        Assert.Equal(
            [
                "systemd-sysusers",
                "systemctl enable incus.socket incus-lxcfs.service incus-startup.service incus.service",
                "systemctl start incus.socket", "systemctl start incus-lxcfs.service",
                "systemctl start incus-startup.service", "systemctl start incus.service",
            ],
            _tools.Calls);
        Assert.True(await _hooks.IsRunningAsync(default));
    }

    [Fact]
    public async Task StopThenUpdate_UnitsInSpecOrder()
    {
        await _hooks.StopAsync(default);
        var running = await _hooks.IsRunningAsync(default);
        await _hooks.UpdateAsync(default);
        await _hooks.InitializeAsync(default);

        Assert.False(running);
        Assert.Equal(
            [
                "systemctl stop incus-startup.service", "systemctl stop incus.service",
                "systemctl stop incus-lxcfs.service", "systemd-sysusers", "systemctl restart incus.service",
            ],
            _tools.Calls);
        Assert.Equal(1, _defaults.Applied);
    }

    private sealed class CountingDefaults : IIncusDefaults
    {
        public int Applied { get; private set; }

        public Task ApplyAsync(CancellationToken cancellationToken)
        {
            Applied++;
            return Task.CompletedTask;
        }
    }
}
