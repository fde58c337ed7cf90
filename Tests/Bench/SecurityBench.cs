using System.Diagnostics;
using System.Text;
using IncusOs.Providers.Security;
using IncusOs.Tests.Support;
using Newtonsoft.Json.Linq;

namespace IncusOs.Bench;

/// <summary>
/// The security area: event-log parse, PCR7 replay and prediction on the largest genuine log; then, on
/// one simulated daemon, <c>GET /1.0/system/security</c> beside <c>GET /1.0</c>, idle and while a slow
/// key slot change runs (the GET must not wait for it).
/// </summary>
public static class SecurityBench
{
    private const int Requests = 500;
    private const int SlotDelayMilliseconds = 1500;

    public static async Task<int> RunAsync(string[] args)
    {
        MeasureParsers();

        await using var daemon = await DaemonProcess.StartAsync(extraArgs: ["--log-level", "info"]);
        await daemon.GetMetadataAsync("/1.0/system/security");
        var root = await LatenciesAsync(daemon, "/1.0", Requests);
        var idle = await LatenciesAsync(daemon, "/1.0/system/security", Requests);
        Print("GET /1.0", root);
        Print("GET /1.0/system/security idle", idle);

        SetSlotDelay(daemon, SlotDelayMilliseconds);
        var watch = Stopwatch.StartNew();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("bench passphrase"));
        var put = daemon.Client.PutAsync("/1.0/system/security", content);
        await Task.Delay(100);
        var busy = new List<double>();
        while (!put.IsCompleted)
        {
            busy.AddRange(await LatenciesAsync(daemon, "/1.0/system/security", 20));
        }

        var putStatus = (int)(await put).StatusCode;
        Console.WriteLine(
            $"PUT with {SlotDelayMilliseconds} ms per slot change: {watch.ElapsedMilliseconds} ms, status {putStatus}");
        busy.Sort();
        Print("GET /1.0/system/security during the PUT", busy);
        Console.WriteLine(
            $"ratio security/root p50: {Measure.Percentile(idle, 50) / Measure.Percentile(root, 50):F2}; "
            + $"busy/idle p50: {Measure.Percentile(busy, 50) / Measure.Percentile(idle, 50):F2}; "
            + $"busy max {busy[^1]:F1} ms vs slot change {SlotDelayMilliseconds} ms");

        return putStatus == 200 ? 0 : 1;
    }

    private static void MeasureParsers()
    {
        var bytes = File.ReadAllBytes(TestPaths.Fixture("security", "eventlogs", "dell-server-nosb-sha256only.bin"));
        const int rounds = 2000;
        for (var i = 0; i < 200; i++)
        {
            Pcr7.Predict(TcgEventLog.Parse(bytes), v => v.Data);
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            Pcr7.Replay(TcgEventLog.Parse(bytes));
        }

        var replay = watch.Elapsed.TotalMicroseconds / rounds;
        watch.Restart();
        for (var i = 0; i < rounds; i++)
        {
            Pcr7.Predict(TcgEventLog.Parse(bytes), v => v.Data);
        }

        var predict = watch.Elapsed.TotalMicroseconds / rounds;
        Console.WriteLine(
            $"event log {bytes.Length} bytes: parse+replay {replay:F1} us, parse+predict {predict:F1} us "
            + $"(ratio {predict / replay:F2})");
    }

    private static async Task<List<double>> LatenciesAsync(DaemonProcess daemon, string path, int count)
    {
        var result = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await daemon.Client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            result.Add(watch.Elapsed.TotalMilliseconds);
        }

        result.Sort();

        return result;
    }

    private static void Print(string label, List<double> sorted) =>
        Console.WriteLine(
            $"{label}: n={sorted.Count} p50 {Measure.Percentile(sorted, 50):F2} ms, "
            + $"p99 {Measure.Percentile(sorted, 99):F2} ms");

    /// <summary>A harness edit of the simulated machine: every slot change now takes this long.</summary>
    private static void SetSlotDelay(DaemonProcess daemon, int milliseconds)
    {
        var path = Path.Combine(daemon.StateDirectory, "machine", SimulatedSecurityMachine.FileName);
        var document = JObject.Parse(File.ReadAllText(path));
        document["faults"]!["slot_change_delay_ms"] = milliseconds;
        File.WriteAllText(path + ".bench", document.ToString());
        File.Move(path + ".bench", path, overwrite: true);
    }
}
