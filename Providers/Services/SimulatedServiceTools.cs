using IncusOs.Providers.Files;
using IncusOs.Providers.Process;
using IncusOs.Providers.Simulation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Providers.Services;

/// <summary>
/// The simulated machine's storage and network tools, answering the exact argument vectors the
/// services use. What they change (iSCSI sessions, NVMe connections, attached USB devices, OVS ids,
/// loaded modules) is kept in <c>service-tools.json</c>; a boot drops sessions and modules, as a real
/// reboot does. A command the simulated machine does not have fails as a missing binary would.
/// </summary>
public sealed class SimulatedServiceTools : IProcessRunner
{
    public const string FileName = "service-tools.json";

    private readonly object _gate = new();
    private readonly string _path;
    private JObject _state;

    public SimulatedServiceTools(SimulatedMachine machine)
    {
        _path = machine.PathOf(FileName);
        _state = File.Exists(_path) ? JObject.Parse(File.ReadAllText(_path)) : [];
        machine.Booted += _ => Change(s =>
        {
            foreach (var runtime in new[] { "iscsi_sessions", "nvme_connected", "usbip_attached", "modules" })
            {
                s.Remove(runtime);
            }
        });
    }

    /// <summary>A copy of what the tools changed on the simulated machine.</summary>
    public JObject State
    {
        get
        {
            lock (_gate)
            {
                return (JObject)_state.DeepClone();
            }
        }
    }

    public Task<ProcessResult> RunAsync(
        string command, IReadOnlyList<string> args, ProcessOptions? options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        return Task.FromResult(new ProcessResult(Run(command, [.. args]), string.Empty));
    }

    public async Task RunLinesAsync(
        string command,
        IReadOnlyList<string> args,
        Func<string, CancellationToken, ValueTask> onLine,
        ProcessOptions? options,
        CancellationToken cancellationToken)
    {
        var result = await RunAsync(command, args, options, cancellationToken).ConfigureAwait(false);
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            await onLine(line, cancellationToken).ConfigureAwait(false);
        }
    }

    private string Run(string command, string[] a)
    {
        var line = ProcessRunner.CommandLine(command, a);
        switch (command, a)
        {
            case ("iscsi-iname", ["-p", var prefix]):
                return $"{prefix}:{Guid.NewGuid():N}"[..(prefix.Length + 13)] + "\n";
            case ("iscsiadm", ["-m", "discovery", "-t", "sendtargets", "-p", _]):
                return string.Empty;
            case ("iscsiadm", ["-m", "node", "-T", var target, "-p", var portal, "--login"]):
                Change(s => Add(s, "iscsi_sessions", $"{target} {portal}"));
                return string.Empty;
            case ("iscsiadm", ["-m", "node", "-T", var target, "-p", var portal, "--logout"]):
                Change(s => Remove(s, "iscsi_sessions", $"{target} {portal}"));
                return string.Empty;
            case ("nvme", ["gen-hostnqn"]):
                return $"nqn.2014-08.org.nvmexpress:uuid:{Guid.NewGuid():D}\n";
            case ("nvme", ["discover", "--transport", _, "--traddr", _, "--trsvcid", _]):
                return string.Empty;
            case ("nvme", ["connect-all" or "disconnect-all"]):
                Change(s => s["nvme_connected"] = a[0] == "connect-all");
                return string.Empty;
            case ("multipath", ["-r"]):
                return string.Empty;
            case ("multipath", ["-ll", var wwn]):
                return Multipath(wwn);
            case ("vgchange", ["--lock-start" or "--lock-stop"]):
                Change(s => s["lvm_lock"] = a[0] == "--lock-start");
                return string.Empty;
            case ("ovs-vsctl", ["set", "open_vswitch", ".", ..]):
                Change(s =>
                {
                    var ids = Obj(s, "ovs_external_ids");
                    foreach (var pair in a.Skip(3).Select(p => p.Split('=', 2)))
                    {
                        ids[pair[0].Replace("external_ids:", string.Empty, StringComparison.Ordinal)] = pair[1];
                    }
                });
                return string.Empty;
            case ("modprobe", [var module]):
                Change(s => Add(s, "modules", module));
                return string.Empty;
            case ("usbip", ["attach", "-r", var address, "-b", var bus]):
                Change(s => Add(s, "usbip_attached", $"{address} {bus}"));
                return string.Empty;
            case ("systemd-sysusers", []):
                return string.Empty;
            default:
                throw new CommandFailedException(
                    line,
                    $"exec: \"{command}\": executable file not found in $PATH",
                    new FileNotFoundException(command));
        }
    }

    private static string Multipath(string wwn) =>
        $"mpath{wwn[^4..]} (3{wwn}) dm-0 SIM-DISK,disk0\n" +
        "size=100G features='0' hwhandler='1 alua' wp=rw\n" +
        "`-+- policy='service-time 0' prio=50 status=active\n" +
        "  `- 7:0:0:0 sdb 8:16 active ready running\n";

    private static void Add(JObject state, string key, string value)
    {
        var items = Items(state, key);
        items.Add(value);
        state[key] = new JArray(items);
    }

    private static void Remove(JObject state, string key, string value)
    {
        var items = Items(state, key);
        items.Remove(value);
        state[key] = new JArray(items);
    }

    private static SortedSet<string> Items(JObject state, string key) =>
        new(state[key] is JArray array ? array.Select(t => (string)t!) : [], StringComparer.Ordinal);

    private static JObject Obj(JObject state, string key)
    {
        if (state[key] is not JObject obj)
        {
            obj = [];
            state[key] = obj;
        }

        return obj;
    }

    private void Change(Action<JObject> change)
    {
        lock (_gate)
        {
            var next = (JObject)_state.DeepClone();
            change(next);
            AtomicFile.WriteText(_path, next.ToString(Formatting.Indented) + "\n", AtomicFile.OwnerOnly);
            _state = next;
        }
    }
}
