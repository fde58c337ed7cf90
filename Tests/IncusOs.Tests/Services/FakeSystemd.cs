using IncusOs.Providers.Systemd;
using Tmds.DBus;

namespace IncusOs.Tests.Services;

/// <summary>
/// A stand-in for systemd's manager on a private bus: jobs are object paths, each announced by
/// <c>JobRemoved</c>. Unit names choose the outcome: <c>missing*</c> → NoSuchUnit, <c>denied*</c> →
/// AccessDenied, <c>failing*</c> → job result "failed", <c>early*</c> → the signal is sent before the
/// method reply. Loaded units answer <c>ActiveState</c>.
/// </summary>
public sealed class FakeSystemd : ISystemdManager
{
    private readonly object _gate = new();
    private readonly List<string> _calls = [];
    private readonly Dictionary<string, FakeUnit> _units = [];
    private readonly Connection _connection;
    private Action<(uint id, ObjectPath job, string unit, string result)>? _jobRemoved;
    private uint _nextJob;

    public FakeSystemd(Connection connection)
    {
        _connection = connection;
    }

    public ObjectPath ObjectPath => HostSystemdUnits.ManagerPath;

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public int Subscriptions { get; private set; }

    public Task<ObjectPath> StartUnitAsync(string name, string mode) => RunJob("StartUnit", name, mode, "active");

    public Task<ObjectPath> StopUnitAsync(string name, string mode) => RunJob("StopUnit", name, mode, "inactive");

    public Task<ObjectPath> RestartUnitAsync(string name, string mode) => RunJob("RestartUnit", name, mode, "active");

    public Task<(bool carriesInstallInfo, (string type, string file, string destination)[] changes)>
        EnableUnitFilesAsync(string[] files, bool runtime, bool force)
    {
        Record($"EnableUnitFiles {string.Join(',', files)} runtime={runtime} force={force}");
        Refuse(files[0]);
        var changes = files
            .Select(f => ("symlink", $"/etc/systemd/system/multi-user.target.wants/{f}", $"/lib/systemd/system/{f}"))
            .ToArray();

        return Task.FromResult((true, changes));
    }

    public Task ReloadAsync()
    {
        Record("Reload");
        return Task.CompletedTask;
    }

    public async Task<ObjectPath> GetUnitAsync(string name)
    {
        Record($"GetUnit {name}");
        FakeUnit? unit;
        lock (_gate)
        {
            _units.TryGetValue(name, out unit);
        }

        if (unit is null)
        {
            throw new DBusException("org.freedesktop.systemd1.NoSuchUnit", $"Unit {name} not loaded.");
        }

        await Task.CompletedTask;

        return unit.ObjectPath;
    }

    public Task SubscribeAsync()
    {
        Subscriptions++;
        return Task.CompletedTask;
    }

    public Task<IDisposable> WatchJobRemovedAsync(
        Action<(uint id, ObjectPath job, string unit, string result)> handler, Action<Exception>? onError = null)
    {
        // Registration hands us the emitter: calling it sends the signal.
        _jobRemoved = handler;

        return Task.FromResult<IDisposable>(new NoOp());
    }

    private async Task<ObjectPath> RunJob(string method, string name, string mode, string activeState)
    {
        Record($"{method} {name} {mode}");
        Refuse(name);
        uint id;
        lock (_gate)
        {
            id = ++_nextJob;
        }

        var job = new ObjectPath($"/org/freedesktop/systemd1/job/{id}");
        var result = name.StartsWith("failing", StringComparison.Ordinal) ? "failed" : "done";
        if (result == "done")
        {
            await LoadAsync(name, activeState);
        }

        if (name.StartsWith("early", StringComparison.Ordinal))
        {
            _jobRemoved!((id, job, name, result));
        }
        else
        {
            _ = Task.Run(async () =>
            {
                await Task.Delay(20);
                _jobRemoved!((id, job, name, result));
            });
        }

        return job;
    }

    private async Task LoadAsync(string name, string activeState)
    {
        FakeUnit? unit;
        lock (_gate)
        {
            _units.TryGetValue(name, out unit);
        }

        if (unit is null)
        {
            unit = new FakeUnit(new ObjectPath($"/org/freedesktop/systemd1/unit/u{_units.Count}"));
            lock (_gate)
            {
                _units[name] = unit;
            }

            await _connection.RegisterObjectAsync(unit);
        }

        unit.ActiveState = activeState;
    }

    private static void Refuse(string name)
    {
        if (name.StartsWith("missing", StringComparison.Ordinal))
        {
            throw new DBusException("org.freedesktop.systemd1.NoSuchUnit", $"Unit {name} not found.");
        }

        if (name.StartsWith("denied", StringComparison.Ordinal))
        {
            throw new DBusException("org.freedesktop.DBus.Error.AccessDenied", "Access denied");
        }
    }

    private void Record(string call)
    {
        lock (_gate)
        {
            _calls.Add(call);
        }
    }

    private sealed class NoOp : IDisposable
    {
        public void Dispose()
        {
        }
    }

    private sealed class FakeUnit(ObjectPath path) : ISystemdUnit
    {
        public string ActiveState { get; set; } = "inactive";

        public ObjectPath ObjectPath => path;

        public Task<object> GetAsync(string prop) =>
            prop == "ActiveState"
                ? Task.FromResult<object>(ActiveState)
                : throw new DBusException("org.freedesktop.DBus.Error.UnknownProperty", prop);
    }
}
