using IncusOs.Providers.Files;
using IncusOs.Providers.Simulation;
using Newtonsoft.Json;

namespace IncusOs.Providers.Systemd;

/// <summary>
/// The simulated machine's units, in <c>systemd.json</c>: a job is done at once. A boot stops every
/// unit and starts the enabled ones again, as systemd would. Unit names need a unit-type suffix.
/// </summary>
public sealed class SimulatedSystemdUnits : ISystemdUnits
{
    public const string FileName = "systemd.json";

    private static readonly string[] Suffixes = [".service", ".socket", ".target", ".timer", ".mount", ".path"];

    private readonly object _gate = new();
    private readonly string _path;
    private SortedDictionary<string, SimulatedUnit> _units;

    public SimulatedSystemdUnits(SimulatedMachine machine)
    {
        _path = machine.PathOf(FileName);
        _units = File.Exists(_path)
            ? JsonConvert.DeserializeObject<SortedDictionary<string, SimulatedUnit>>(File.ReadAllText(_path)) ?? []
            : [];
        machine.Booted += _ => Change(units => units.ToDictionary(
            u => u.Key, u => u.Value with { Active = u.Value.Enabled }));
    }

    /// <summary>A copy of every unit the simulated machine knows.</summary>
    public IReadOnlyDictionary<string, SimulatedUnit> Units
    {
        get
        {
            lock (_gate)
            {
                return new SortedDictionary<string, SimulatedUnit>(_units);
            }
        }
    }

    public Task StartAsync(string unit, CancellationToken cancellationToken) =>
        Set(unit, u => u with { Active = true, Starts = u.Starts + 1 });

    public Task StopAsync(string unit, CancellationToken cancellationToken) =>
        Set(unit, u => u with { Active = false });

    public Task RestartAsync(string unit, CancellationToken cancellationToken) =>
        Set(unit, u => u with { Active = true, Starts = u.Starts + 1 });

    public Task EnableAsync(IReadOnlyList<string> units, CancellationToken cancellationToken)
    {
        foreach (var unit in units)
        {
            Check(unit);
        }

        Change(all =>
        {
            foreach (var unit in units)
            {
                all[unit] = (all.GetValueOrDefault(unit) ?? new SimulatedUnit()) with { Enabled = true };
            }

            return all;
        });

        return Task.CompletedTask;
    }

    public Task ReloadAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> IsActiveAsync(string unit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_units.TryGetValue(unit, out var u) && u.Active);
        }
    }

    private Task Set(string unit, Func<SimulatedUnit, SimulatedUnit> change)
    {
        Check(unit);
        Change(all =>
        {
            all[unit] = change(all.GetValueOrDefault(unit) ?? new SimulatedUnit());
            return all;
        });

        return Task.CompletedTask;
    }

    private static void Check(string unit)
    {
        if (!Suffixes.Any(s => unit.Length > s.Length && unit.EndsWith(s, StringComparison.Ordinal)))
        {
            throw new SystemdException($"cannot use unit {unit}: no such unit (unit names need a type suffix)");
        }
    }

    private void Change(Func<Dictionary<string, SimulatedUnit>, IDictionary<string, SimulatedUnit>> change)
    {
        lock (_gate)
        {
            var next = new SortedDictionary<string, SimulatedUnit>(
                change(new Dictionary<string, SimulatedUnit>(_units)));
            var text = JsonConvert.SerializeObject(next, Formatting.Indented) + "\n";
            AtomicFile.WriteText(_path, text, AtomicFile.OwnerOnly);
            _units = next;
        }
    }
}
