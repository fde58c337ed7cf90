using IncusOs.Providers;
using IncusOs.Providers.DBus;
using IncusOs.Providers.Machine;
using IncusOs.Tests.Services;
using Tmds.DBus;

namespace IncusOs.Tests.Machine;

/// <summary>The host power provider against a stand-in logind on a private dbus-daemon.</summary>
public sealed class HostPowerControlTests : IAsyncLifetime
{
    private const string Logind = "org.freedesktop.login1";

    private readonly PrivateBus _bus = new();
    private readonly FakeLogind _logind = new();
    private Connection? _service;
    private SystemBus? _client;

    public async Task InitializeAsync()
    {
        await _bus.InitializeAsync();
        _service = new Connection(_bus.Address);
        await _service.ConnectAsync();
        await _service.RegisterObjectAsync(_logind);
        _client = new SystemBus(_bus.Address);
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

    [Theory]
    [InlineData(PowerAction.Reboot, "Reboot interactive=False")]
    [InlineData(PowerAction.PowerOff, "PowerOff interactive=False")]
    public async Task Perform_LogindAnswers_CallsItsMethodNonInteractively(PowerAction action, string call)
    {
        await _service!.RegisterServiceAsync(Logind);
        var power = new HostPowerControl(_client!);

        var outcome = await power.PerformAsync(action, CancellationToken.None);

        Assert.Equal(PowerOutcome.Requested, outcome);
        Assert.Equal([call], _logind.Calls);
    }

    [Fact]
    public async Task Perform_LogindRefuses_ProviderErrorWithItsMessage()
    {
        await _service!.RegisterServiceAsync(Logind);
        _logind.Refusal = "Operation already in progress";
        var power = new HostPowerControl(_client!);

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => power.PerformAsync(PowerAction.Reboot, CancellationToken.None));

        Assert.Equal("logind refused the reboot: Operation already in progress", error.Message);
    }

    [Fact]
    public async Task Perform_NoLogindOnTheBus_ProviderError()
    {
        var power = new HostPowerControl(_client!);

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => power.PerformAsync(PowerAction.PowerOff, CancellationToken.None));

        Assert.StartsWith("logind is not running on the system bus: ", error.Message);
        Assert.Contains(Logind, error.Message);
        Assert.Empty(_logind.Calls);
    }

    private sealed class FakeLogind : ILogin1Manager
    {
        private readonly List<string> _calls = [];

        public ObjectPath ObjectPath { get; } = new("/org/freedesktop/login1");

        /// <summary>When set, every call fails with this message, as logind does when it refuses.</summary>
        public string? Refusal { get; set; }

        public IReadOnlyList<string> Calls
        {
            get
            {
                lock (_calls)
                {
                    return [.. _calls];
                }
            }
        }

        public Task RebootAsync(bool interactive) => Record("Reboot", interactive);

        public Task PowerOffAsync(bool interactive) => Record("PowerOff", interactive);

        private Task Record(string method, bool interactive)
        {
            if (Refusal is { } refusal)
            {
                throw new DBusException("org.freedesktop.DBus.Error.Failed", refusal);
            }

            lock (_calls)
            {
                _calls.Add($"{method} interactive={interactive}");
            }

            return Task.CompletedTask;
        }
    }
}
