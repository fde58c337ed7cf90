using System.Diagnostics;
using System.Globalization;
using IncusOs.Providers.Simulation;
using IncusOs.Tests.Support;
using Newtonsoft.Json;

namespace IncusOs.Bench;

/// <summary>
/// Issue 9's suite: the simulated daemon against the floor app, side by side in one run: start-up,
/// reads at 1 and 16 connections after a warm-up of each path (req/s and p99), idle RSS and RSS
/// after 100,000 requests, and a mixed load (<see cref="MixedLoad"/>).
/// </summary>
public static class PerfBench
{
    private const int WarmUpRequests = 30_000;

    private static readonly string[] Paths =
        ["/1.0", "/1.0/system/update", "/1.0/system/storage", "/1.0/system/network"];

    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var mixedSeconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
        var daemonStarts = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            await using var fresh = await DaemonProcess.StartAsync(extraArgs: ["--log-level", "warn"]);
            daemonStarts.Add(watch.Elapsed.TotalMilliseconds);
        }

        await using var daemon = await DaemonProcess.StartAsync(extraArgs: ["--log-level", "warn"]);
        var bodies = Directory.CreateTempSubdirectory("floor-bodies-").FullName;
        var pairs = new List<string>();
        var paths = new List<string>();
        foreach (var path in Paths)
        {
            using var response = await daemon.Client.GetAsync(path);
            if (!response.IsSuccessStatusCode)
            {
                Console.WriteLine($"GET {path} answered {(int)response.StatusCode}: left out");
                continue;
            }

            var file = Path.Combine(bodies, pairs.Count + ".json");
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
            pairs.Add($"{path}={file}");
            paths.Add(path);
        }

        var floorStarts = new List<double>();
        Process? floor = null;
        var floorSocket = Path.Combine(bodies, "floor.socket");
        for (var i = 0; i < 3; i++)
        {
            floor?.Kill();
            floor?.WaitForExit();
            File.Delete(floorSocket);
            var watch = Stopwatch.StartNew();
            floor = await StartFloorAsync(floorSocket, pairs);
            floorStarts.Add(watch.Elapsed.TotalMilliseconds);
        }

        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            var idleRss = Measure.RssBytes(daemon.Pid);

            // Steady state for both sides: the first requests of each path pay for the JIT (tiered
            // compilation), which the floor's few methods barely notice and the daemon's many do.
            foreach (var path in paths)
            {
                await H2Load.RunAsync(daemon.SocketPath, path, WarmUpRequests, 16);
                await H2Load.RunAsync(floorSocket, path, WarmUpRequests, 16);
            }

            Console.WriteLine("| measure | daemon | floor | ratio | target |");
            Console.WriteLine("|---|---|---|---|---|");
            var ds = Median(daemonStarts);
            var fs = Median(floorStarts);
            Row("start-up to first answer (ms, median of 3)", ds, fs, ds / fs, "<= 1.5");
            foreach (var path in paths)
            {
                foreach (var connections in new[] { 1, 16 })
                {
                    var d = await H2Load.RunAsync(daemon.SocketPath, path, requests, connections);
                    var f = await H2Load.RunAsync(floorSocket, path, requests, connections);
                    var target = path == "/1.0" && connections == 16 ? ">= 0.9" : string.Empty;
                    Row($"GET {path} c={connections} req/s", d.RequestsPerSecond, f.RequestsPerSecond,
                        d.RequestsPerSecond / f.RequestsPerSecond, target);
                    Row($"GET {path} c={connections} p99 ms", d.P99Ms, f.P99Ms, d.P99Ms / f.P99Ms,
                        connections == 16 ? "<= 1.5" : string.Empty);
                    if (d.Non2xx > 0)
                    {
                        Console.WriteLine($"| GET {path} c={connections} non-2xx answers | {d.Non2xx} | | | 0 |");
                    }
                }
            }

            await H2Load.RunAsync(daemon.SocketPath, "/1.0", 100_000, 16);
            await Task.Delay(TimeSpan.FromSeconds(2));
            var loadedRss = Measure.RssBytes(daemon.Pid);
            var floorRss = Measure.RssBytes(floor!.Id);
            Row("RSS idle after start-up (MiB)", idleRss / 1048576.0, floorRss / 1048576.0, double.NaN, "< 80");
            Row("RSS after the runs above and +100,000 requests (MiB)", loadedRss / 1048576.0, double.NaN,
                (double)loadedRss / idleRss, "growth <= 1.10");

            // A leak keeps growing; warm-up (tier-1 code, heap and pool sizes) stops after the first load.
            await H2Load.RunAsync(daemon.SocketPath, "/1.0", 100_000, 16);
            await Task.Delay(TimeSpan.FromSeconds(2));
            var againRss = Measure.RssBytes(daemon.Pid);
            Row("RSS after another +100,000 (MiB), ratio to the first", againRss / 1048576.0, double.NaN,
                (double)againRss / loadedRss, string.Empty);
            if (mixedSeconds > 0)
            {
                // Its own daemon at info level (the overlap check reads the operations' start and end
                // lines), on the default machine with drives that discard as fast as their backing files
                // allow: at an SSD's pace (8 s a drive) 64 clients queue more wipes than a minute holds.
                await using var logged = await DaemonProcess.StartAsync(
                    prepare: FastDiscards, extraArgs: ["--log-level", "info"]);
                await MixedLoad.RunAsync(logged, TimeSpan.FromSeconds(mixedSeconds), 64);
            }
        }
        finally
        {
            floor?.Kill();
            Directory.Delete(bodies, recursive: true);
        }

        return 0;
    }

    private static void FastDiscards(string stateDirectory)
    {
        var machine = MachineDefaults.Create(TimeProvider.System);
        machine = machine with { Drives = machine.Drives.Select(d => d with { WipeBytesPerSecond = 0 }).ToList() };
        var directory = Directory.CreateDirectory(Path.Combine(stateDirectory, "machine")).FullName;
        File.WriteAllText(Path.Combine(directory, SimulatedMachine.DocumentFile), JsonConvert.SerializeObject(machine));
    }

    private static void Row(string name, double daemon, double floor, double ratio, string target) =>
        Console.WriteLine(
            $"| {name} | {Format(daemon)} | {Format(floor)} | {Format(ratio)} | {target} |");

    private static string Format(double value) =>
        double.IsNaN(value) ? string.Empty : value.ToString(value >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();

        return sorted[sorted.Count / 2];
    }

    private static async Task<Process> StartFloorAsync(string socket, List<string> pairs)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(typeof(PerfBench).Assembly.Location);
        info.ArgumentList.Add("floor");
        info.ArgumentList.Add(socket);
        foreach (var pair in pairs)
        {
            info.ArgumentList.Add(pair);
        }

        var process = Process.Start(info)!;
        using var client = UnixSocketHttp.CreateClient(socket);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (File.Exists(socket) && (await client.GetAsync("/1.0")).IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("the floor app did not start");
    }
}
