using IncusOs.Providers.Files;
using IncusOs.Providers.Simulation;
using Newtonsoft.Json;

namespace IncusOs.Providers.Security;

/// <summary>
/// The simulated machine's Secure Boot firmware, TPM and LUKS volumes, in <c>security.json</c>. Each
/// boot measures the current variables into a fresh event log and PCR7; a volume's TPM slot unlocks only
/// while PCR7 equals the value it was sealed to, so a firmware change made outside the daemon shows the
/// volumes as unlocked by recovery passphrase until the bindings are reset. The file is re-read on every
/// call, so a harness may edit it while the daemon runs.
/// </summary>
public sealed partial class SimulatedSecurityMachine : ISecureBoot, ITpm, IEncryptedVolumes
{
    public const string FileName = "security.json";

    private static readonly JsonSerializerSettings Settings = new()
    {
        Formatting = Formatting.Indented,
        NullValueHandling = NullValueHandling.Include,
    };

    private readonly object _gate = new();
    private readonly SimulatedMachine _machine;
    private readonly string _path;

    public SimulatedSecurityMachine(SimulatedMachine machine)
    {
        _machine = machine;
        _path = machine.PathOf(FileName);
        machine.Booted += _ => Change(document => document);
    }

    /// <summary>The document as it is now, measured for the running boot.</summary>
    public SimulatedSecurityDocument Snapshot() => Change(document => document);

    /// <summary>Changes the document atomically under the machine's lock (harnesses and tests).</summary>
    public SimulatedSecurityDocument Update(Func<SimulatedSecurityDocument, SimulatedSecurityDocument> change) =>
        Change(change);

    private T Read<T>(Func<SimulatedSecurityDocument, T> read)
    {
        lock (_gate)
        {
            return read(LoadMeasured());
        }
    }

    private SimulatedSecurityDocument Change(Func<SimulatedSecurityDocument, SimulatedSecurityDocument> change)
    {
        lock (_gate)
        {
            var next = change(LoadMeasured());
            Save(next);

            return next;
        }
    }

    private SimulatedSecurityDocument LoadMeasured()
    {
        var document = File.Exists(_path)
            ? JsonConvert.DeserializeObject<SimulatedSecurityDocument>(File.ReadAllText(_path), Settings)
                ?? throw new ProviderException($"simulated security file {_path} is empty")
            : null;
        if (document is null)
        {
            document = Measure(SimulatedFirmware.Create());
            var sealedTo = document.Pcr7;
            document = document with
            {
                Volumes =
                [
                    new SimulatedLuksVolume { Name = "root", Device = "/dev/sda10", Slots = [TpmSlot(0, sealedTo)] },
                    new SimulatedLuksVolume { Name = "swap", Device = "/dev/sda9", Slots = [TpmSlot(0, sealedTo)] },
                ],
            };
            Save(document);
        }
        else if (document.MeasuredBootId != _machine.Document.CurrentBoot.Id)
        {
            document = Measure(document);
            Save(document);
        }

        return document;
    }

    /// <summary>What firmware does at boot: measure the Secure Boot state into a new log and PCR7.</summary>
    private SimulatedSecurityDocument Measure(SimulatedSecurityDocument document)
    {
        var log = SimulatedFirmware.EventLog(document, _machine.Document.SecureBoot.Enabled);

        return document with
        {
            MeasuredBootId = _machine.Document.CurrentBoot.Id,
            EventLog = Convert.ToBase64String(log),
            Pcr7 = Convert.ToHexStringLower(Pcr7.Replay(TcgEventLog.Parse(log))),
        };
    }

    private static SimulatedLuksSlot TpmSlot(int index, string pcr7) =>
        new() { Index = index, Type = LuksSlot.Tpm2, Pcr7 = pcr7 };

    private void Save(SimulatedSecurityDocument document) =>
        AtomicFile.WriteText(_path, JsonConvert.SerializeObject(document, Settings) + "\n", AtomicFile.OwnerOnly);
}
