using System.Text;
using IncusOs.Providers.Security;
using IncusOs.Providers.Simulation;
using IncusOs.Tests.Support;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace IncusOs.Tests.Robustness;

/// <summary>
/// Acknowledged mutations survive SIGKILL: a client sends network, update, pool and key changes
/// (adds and removals) and reboots one after another while the daemon is killed at a random moment;
/// after each restart every change answered 200 is there (or the one in flight replaced it), every
/// state file reads, and every listed recovery key opens every volume.
/// <c>CRASH_ITERATIONS</c> (default 50) and <c>CRASH_SEED</c> set the run; <c>Tests/crash</c> runs 500.
/// </summary>
public sealed class CrashConsistencyTests
{
    private readonly ITestOutputHelper _output;

    public CrashConsistencyTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task Sigkill_AtRandomPoints_AcknowledgedMutationsSurvive()
    {
        var iterations = int.Parse(Environment.GetEnvironmentVariable("CRASH_ITERATIONS") ?? "50");
        var random = new Random(int.Parse(Environment.GetEnvironmentVariable("CRASH_SEED") ?? "1203"));
        await using var daemon = await DaemonProcess.StartAsync(extraArgs: ["--log-level", "info"]);
        var model = new Model();
        var acknowledged = 0;
        await model.VerifyAsync(daemon, -1);

        for (var i = 0; i < iterations; i++)
        {
            using var kill = new CancellationTokenSource(TimeSpan.FromMilliseconds(random.Next(5, 400)));
            try
            {
                while (!kill.IsCancellationRequested)
                {
                    var mutation = model.Next(random, i);
                    var status = await SendAsync(daemon, mutation, kill.Token);
                    model.Answered(mutation, status == 200);
                    acknowledged += status == 200 ? 1 : 0;
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException)
            {
                // The kill came first: the mutation in flight may or may not have been applied.
            }

            daemon.Kill();
            await daemon.StartAgainAsync();
            AssertStateFilesRead(daemon.StateDirectory);
            await model.VerifyAsync(daemon, i);
        }

        _output.WriteLine($"{iterations} kills, {acknowledged} acknowledged mutations checked");
    }

    private static async Task<int> SendAsync(
        DaemonProcess daemon, Mutation mutation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(mutation.Method, mutation.Path)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(mutation.Body)),
        };
        using var response = await daemon.Client.SendAsync(request, cancellationToken);

        return (int)response.StatusCode;
    }

    private static void AssertStateFilesRead(string stateDirectory)
    {
        foreach (var file in Directory.EnumerateFiles(stateDirectory, "*.json", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            var exception = Record.Exception(() => JToken.Parse(text));
            Assert.True(exception is null, $"{file} does not parse: {exception?.Message}");
        }

        Assert.Empty(Directory.EnumerateFiles(stateDirectory, "*.corrupt-*", SearchOption.AllDirectories));
    }

    private sealed record Mutation(string Register, HttpMethod Method, string Path, string Body, string Value);

    /// <summary>
    /// What the client has been told, per register: the last acknowledged value and the one in flight.
    /// </summary>
    private sealed class Model
    {
        private readonly Dictionary<string, (string? Acked, string? InFlight)> _registers = new();
        private readonly HashSet<string> _keys = [];
        private readonly HashSet<string> _removed = [];
        private int _boots;

        public Mutation Next(Random random, int iteration)
        {
            var n = $"{iteration}-{random.Next(1_000_000)}";
            switch (random.Next(6))
            {
                case 0:
                    return Track(new Mutation(
                        "hostname", HttpMethod.Patch, "/1.0/system/network",
                        $"{{\"config\":{{\"dns\":{{\"hostname\":\"crash-{n}\"}}}}}}", $"crash-{n}"));
                case 1:
                    var minutes = 10 + random.Next(1000);
                    var ns = minutes * 60_000_000_000L;
                    return Track(new Mutation(
                        "frequency", HttpMethod.Put, "/1.0/system/update",
                        $"{{\"config\":{{\"update_frequency\":{ns},\"auto_reboot\":false}}}}", ns.ToString()));
                case 2:
                    var pool = Current("pool") == "present";
                    return Track(pool
                        ? new Mutation("pool", HttpMethod.Delete, "/1.0/system/storage",
                            "{\"config\":{\"pools\":[{\"name\":\"tank\"}]}}", "absent")
                        : new Mutation("pool", HttpMethod.Put, "/1.0/system/storage",
                            "{\"config\":{\"pools\":[{\"name\":\"tank\",\"type\":\"zfs-raid0\","
                            + "\"devices\":[\"/dev/sdb\"]}]}}",
                            "present"));
                case 3 when _boots < 5:
                    return new Mutation("boot", HttpMethod.Put, "/1.0/system", "{\"action\":\"reboot\"}", "reboot");
                case 4 when _keys.Count >= 2:
                    // A removal by rebuild; until it is answered the key may or may not be listed.
                    var key = _keys.Order(StringComparer.Ordinal).ElementAt(random.Next(_keys.Count));
                    _keys.Remove(key);
                    return new Mutation("unkey", HttpMethod.Delete, "/1.0/system/security", key, key);
                default:
                    return Track(new Mutation(
                        "key", HttpMethod.Put, "/1.0/system/security", $"crash-key-{n}", $"crash-key-{n}"));
            }
        }

        public void Answered(Mutation mutation, bool acknowledged)
        {
            if (mutation.Register == "boot")
            {
                _boots += acknowledged ? 1 : 0;
                return;
            }

            if (mutation.Register == "key")
            {
                if (acknowledged)
                {
                    _keys.Add(mutation.Value);
                }

                return;
            }

            if (mutation.Register == "unkey")
            {
                if (acknowledged)
                {
                    _removed.Add(mutation.Value);
                }

                return;
            }

            var (acked, _) = _registers.GetValueOrDefault(mutation.Register);
            _registers[mutation.Register] = acknowledged ? (mutation.Value, null) : (acked, null);
        }

        public async Task VerifyAsync(DaemonProcess daemon, int iteration)
        {
            var network = await daemon.GetMetadataAsync("/1.0/system/network");
            Check("hostname", (string?)network["config"]!["dns"]?["hostname"], iteration);
            var update = await daemon.GetMetadataAsync("/1.0/system/update");
            Check("frequency", (string?)update["config"]!["update_frequency"], iteration);
            var storage = await daemon.GetMetadataAsync("/1.0/system/storage");
            var tank = storage["state"]!["pools"]!.Any(p => (string?)p["name"] == "tank");
            Check("pool", tank ? "present" : "absent", iteration);
            var security = await daemon.GetMetadataAsync("/1.0/system/security");
            var keys = security["config"]!["encryption_recovery_keys"]!.Select(k => (string)k!).ToHashSet();
            Assert.True(
                _keys.IsSubsetOf(keys),
                $"iteration {iteration}: acknowledged keys missing from [{string.Join(", ", keys)}]");
            Assert.False(
                _removed.Overlaps(keys),
                $"iteration {iteration}: a removed key is listed: [{string.Join(", ", keys)}]");
            _keys.UnionWith(keys.Where(k => k.StartsWith("crash-key-", StringComparison.Ordinal)));

            // Whatever a kill interrupted (an add, a removal by rebuild), every listed key opens every volume.
            var machine = new SimulatedSecurityMachine(SimulatedMachine.OpenOrCreate(daemon.StateDirectory));
            foreach (var volume in await machine.DiscoverAsync(CancellationToken.None))
            {
                var locked = keys.Where(k => !machine.Opens(volume, k)).ToList();
                Assert.True(
                    locked.Count == 0,
                    $"iteration {iteration}: {volume.Device} does not open with [{string.Join(", ", locked)}]; "
                    + $"the daemon's key operations:\n{KeyLines(daemon.Output)}");
            }
            foreach (var register in new[] { "hostname", "frequency", "pool" })
            {
                _registers[register] = (Observed(register, network, update, tank), null);
            }
        }

        private static string KeyLines(string log) => string.Join(
            '\n', log.Split('\n').Where(l => l.Contains("ecovery key", StringComparison.Ordinal)
                || l.Contains("/1.0/system/security", StringComparison.Ordinal)
                || l.Contains("Listening on", StringComparison.Ordinal)).TakeLast(60));

        private Mutation Track(Mutation mutation)
        {
            var (acked, _) = _registers.GetValueOrDefault(mutation.Register);
            _registers[mutation.Register] = (acked, mutation.Value);

            return mutation;
        }

        private string? Current(string register)
        {
            var (acked, inFlight) = _registers.GetValueOrDefault(register);

            return inFlight ?? acked;
        }

        private void Check(string register, string? observed, int iteration)
        {
            if (!_registers.TryGetValue(register, out var expected))
            {
                return;
            }

            Assert.True(
                observed == expected.Acked || observed == expected.InFlight,
                $"iteration {iteration}: {register} is {observed}, "
                + $"acknowledged {expected.Acked}, in flight {expected.InFlight}");
        }

        private static string? Observed(string register, JToken network, JToken update, bool tank) => register switch
        {
            "hostname" => (string?)network["config"]!["dns"]?["hostname"],
            "frequency" => (string?)update["config"]!["update_frequency"],
            _ => tank ? "present" : "absent",
        };
    }
}
