using IncusOs.Providers.Network;
using Tmds.DBus;

namespace IncusOs.Tests.Network;

/// <summary>A stand-in for systemd-hostnamed on a private bus (it cannot run here): records the names set.</summary>
internal sealed class FakeHostnamed : IHostname1
{
    private readonly List<string> _calls = [];

    public ObjectPath ObjectPath => new("/org/freedesktop/hostname1");

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

    public Task SetStaticHostnameAsync(string hostname, bool interactive)
    {
        lock (_calls)
        {
            _calls.Add("static:" + hostname);
        }

        return Task.CompletedTask;
    }

    public Task SetHostnameAsync(string hostname, bool interactive)
    {
        lock (_calls)
        {
            _calls.Add("transient:" + hostname);
        }

        return Task.CompletedTask;
    }
}
