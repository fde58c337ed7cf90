using IncusOs.Providers.Files;
using Newtonsoft.Json;

namespace IncusOs.Providers.Simulation;

/// <summary>
/// The machine behind <c>--simulate</c>: <c>machine.json</c> and the files of each simulated
/// subsystem under <c>STATE/machine/</c>. Changes are written atomically before they are visible.
/// </summary>
public sealed class SimulatedMachine
{
    public const string DocumentFile = "machine.json";

    private static readonly JsonSerializerSettings Settings = new()
    {
        Formatting = Formatting.Indented,
        NullValueHandling = NullValueHandling.Include,
        DateParseHandling = DateParseHandling.DateTimeOffset,
    };

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private MachineDocument _document;

    private SimulatedMachine(string directory, MachineDocument document, TimeProvider time)
    {
        Directory = directory;
        _document = document;
        _time = time;
    }

    /// <summary><c>STATE/machine</c>: where every simulated subsystem keeps its files.</summary>
    public string Directory { get; }

    public MachineDocument Document
    {
        get
        {
            lock (_gate)
            {
                return _document;
            }
        }
    }

    /// <summary>Raised after a simulated boot has been recorded (reboot or start after power-off).</summary>
    public event Action<SimulatedBoot>? Booted;

    /// <summary>
    /// Opens the machine in <paramref name="stateDirectory"/>, creating it with defaults on first use.
    /// A start after a power-off is a new boot, which applies a staged OS release.
    /// </summary>
    public static SimulatedMachine OpenOrCreate(string stateDirectory, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var directory = Path.Combine(stateDirectory, "machine");
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, DocumentFile);
        MachineDocument document;
        bool newBoot;
        if (File.Exists(path))
        {
            document = JsonConvert.DeserializeObject<MachineDocument>(File.ReadAllText(path), Settings)
                ?? throw new ProviderException($"simulated machine file {path} is empty");
            newBoot = document.PoweredOff || document.Boots.Count == 0;
        }
        else
        {
            document = MachineDefaults.Create(time);
            newBoot = true;
        }

        var machine = new SimulatedMachine(directory, document, time);
        if (newBoot)
        {
            machine.RecordBoot();
        }
        else
        {
            machine.Save(document);
        }

        return machine;
    }

    /// <summary>Path of a simulated subsystem's file, e.g. <c>PathOf("zfs.json")</c>.</summary>
    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Changes the document atomically (on disk first, then in memory).</summary>
    public MachineDocument Update(Func<MachineDocument, MachineDocument> change)
    {
        lock (_gate)
        {
            var next = change(_document);
            Save(next);
            _document = next;

            return next;
        }
    }

    /// <summary>
    /// Starts a new boot: a fresh boot id, the counter up by one, a staged release made current (the
    /// running one kept as the fallback).
    /// </summary>
    public SimulatedBoot RecordBoot()
    {
        SimulatedBoot boot;
        lock (_gate)
        {
            var doc = _document;
            var os = doc.Os.NextVersion is { } next && next != doc.Os.Version
                ? doc.Os with { Version = next, NextVersion = null, PreviousVersion = doc.Os.Version }
                : doc.Os with { NextVersion = null };
            boot = new SimulatedBoot
            {
                Id = Guid.NewGuid().ToString("N"),
                Number = doc.Boots.Count == 0 ? 1 : doc.Boots[^1].Number + 1,
                Started = _time.GetUtcNow(),
                OsVersion = os.Version,
            };
            var updated = doc with { Os = os, Boots = [.. doc.Boots, boot], PoweredOff = false };
            Save(updated);
            _document = updated;
        }

        Booted?.Invoke(boot);

        return boot;
    }

    /// <summary>Marks the machine off, so the next start of the daemon is a new boot.</summary>
    public void RecordPowerOff() => Update(d => d with { PoweredOff = true });

    private void Save(MachineDocument document) =>
        AtomicFile.WriteText(
            PathOf(DocumentFile), JsonConvert.SerializeObject(document, Settings) + "\n", AtomicFile.OwnerOnly);
}
