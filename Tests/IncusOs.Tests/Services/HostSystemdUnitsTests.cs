using IncusOs.Providers.DBus;
using IncusOs.Providers.Systemd;
using Tmds.DBus;

namespace IncusOs.Tests.Services;

/// <summary>The systemd provider against a stand-in manager on a private dbus-daemon.</summary>
public sealed class HostSystemdUnitsTests : IAsyncLifetime
{
    private readonly PrivateBus _bus = new();
    private Connection? _service;
    private SystemBus? _client;
    private FakeSystemd _systemd = null!;
    private HostSystemdUnits _units = null!;

    public async Task InitializeAsync()
    {
        await _bus.InitializeAsync();
        _service = new Connection(_bus.Address);
        await _service.ConnectAsync();
        _systemd = new FakeSystemd(_service);
        await _service.RegisterObjectAsync(_systemd);
        await _service.RegisterServiceAsync(HostSystemdUnits.Service);
        _client = new SystemBus(_bus.Address);
        _units = new HostSystemdUnits(_client);
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        _service?.Dispose();
        await _bus.DisposeAsync();
    }

    [Fact]
    public async Task StartStopRestart_JobsDone_ReturnAfterJobRemoved()
    {
        using var timeout = Timeout();

        await _units.StartAsync("iscsid.service", timeout.Token);
        var active = await _units.IsActiveAsync("iscsid.service", timeout.Token);
        await _units.RestartAsync("iscsid.service", timeout.Token);
        await _units.StopAsync("iscsid.service", timeout.Token);

        Assert.True(active);
        Assert.False(await _units.IsActiveAsync("iscsid.service", timeout.Token));
        Assert.Equal(
            ["StartUnit iscsid.service replace", "GetUnit iscsid.service", "RestartUnit iscsid.service replace",
                "StopUnit iscsid.service replace", "GetUnit iscsid.service"],
            _systemd.Calls);
        Assert.Equal(1, _systemd.Subscriptions);
    }

    [Fact]
    public async Task Start_SignalBeforeReply_StillMatched()
    {
        using var timeout = Timeout();

        await _units.StartAsync("early.service", timeout.Token);

        Assert.True(await _units.IsActiveAsync("early.service", timeout.Token));
    }

    [Fact]
    public async Task Start_JobFailed_ThrowsWithResult()
    {
        using var timeout = Timeout();

        var ex = await Assert.ThrowsAsync<SystemdException>(() => _units.StartAsync("failing.service", timeout.Token));

        Assert.Equal("the start job of unit failing.service ended with result \"failed\"", ex.Message);
    }

    [Fact]
    public async Task Start_NoSuchUnit_ThrowsClearError()
    {
        using var timeout = Timeout();

        var ex = await Assert.ThrowsAsync<SystemdException>(() => _units.StartAsync("missing.service", timeout.Token));

        Assert.Equal("cannot start unit missing.service: no such unit (Unit missing.service not found.)", ex.Message);
    }

    [Fact]
    public async Task Stop_AccessDenied_ThrowsClearError()
    {
        using var timeout = Timeout();

        var ex = await Assert.ThrowsAsync<SystemdException>(() => _units.StopAsync("denied.service", timeout.Token));

        Assert.Equal("cannot stop unit denied.service: access denied by systemd (Access denied)", ex.Message);
    }

    [Fact]
    public async Task EnableAndReload_CallTheManager()
    {
        using var timeout = Timeout();

        await _units.EnableAsync(["incus.socket", "incus.service"], timeout.Token);
        await _units.ReloadAsync(timeout.Token);

        Assert.Equal(
            ["EnableUnitFiles incus.socket,incus.service runtime=False force=False", "Reload"], _systemd.Calls);
    }

    [Fact]
    public async Task IsActive_UnitNotLoaded_False()
    {
        using var timeout = Timeout();

        Assert.False(await _units.IsActiveAsync("never.service", timeout.Token));
    }

    private static CancellationTokenSource Timeout() => new(TimeSpan.FromSeconds(10));
}
