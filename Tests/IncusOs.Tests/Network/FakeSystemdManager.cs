using IncusOs.Providers.Network;
using Tmds.DBus;

namespace IncusOs.Tests.Network;

/// <summary>A stand-in for systemd's manager on a private bus (systemd is not PID 1 here): records unit jobs.</summary>
internal sealed class FakeSystemdManager : ISystemdManager1
{
    private readonly List<string> _jobs = [];

    public ObjectPath ObjectPath => new("/org/freedesktop/systemd1");

    public IReadOnlyList<string> Jobs
    {
        get
        {
            lock (_jobs)
            {
                return [.. _jobs];
            }
        }
    }

    public Task<ObjectPath> StartUnitAsync(string name, string mode) => Record("start", name, mode);

    public Task<ObjectPath> StopUnitAsync(string name, string mode) => Record("stop", name, mode);

    public Task<ObjectPath> RestartUnitAsync(string name, string mode) => Record("restart", name, mode);

    private Task<ObjectPath> Record(string verb, string name, string mode)
    {
        lock (_jobs)
        {
            _jobs.Add($"{verb} {name} {mode}");

            return Task.FromResult(new ObjectPath($"/org/freedesktop/systemd1/job/{_jobs.Count}"));
        }
    }
}
