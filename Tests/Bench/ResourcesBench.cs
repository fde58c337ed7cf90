using System.Diagnostics;
using System.Globalization;
using IncusOs.Actors.Common;
using IncusOs.Providers;
using IncusOs.Providers.Process;
using IncusOs.Providers.Resources;
using IncusOs.Providers.Resources.Native;
using IncusOs.Providers.Resources.Sections;
using IncusOs.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;

namespace IncusOs.Bench;

/// <summary>
/// Issue 3's suite: one uncached collection on this machine and on the largest fixture tree (time and
/// allocated bytes per run), the cost of serialising the live document, and <c>GET /1.0/system/resources</c>
/// with the cache warm against <c>GET /1.0</c> on the same simulated daemon (h2load).
/// </summary>
public static class ResourcesBench
{
    private static readonly string[] SectionNames =
        ["CPU", "memory", "GPU", "network", "storage", "USB", "PCI", "system", "load"];

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;

        var probes = new HostProbes(new ProcessRunner(NullLogger<ProcessRunner>.Instance));
        var live = new ResourcesCollector(SysTree.Live, probes, new HostEthtool(), ResourcesPaths.Default);
        var tree = new ResourcesCollector(
            new SysTree(TestPaths.Fixture("sysfs", "ghw-ryzen-1600"), textLinks: true),
            new TreeProbes(probes.Uname()),
            new HostEthtool(),
            new ResourcesPaths([], "/nonexistent/usb.ids"));

        Console.WriteLine("| measure | median | p90 | allocated per run |");
        Console.WriteLine("|---|---|---|---|");
        var liveStats = await MeasureAsync(runs, () => live.CollectAsync(CancellationToken.None));
        Row("live collection, whole document (ms)", liveStats);
        foreach (var name in SectionNames)
        {
            var context = live.CreateContext(CancellationToken.None);
            Row($"  live section {name} (ms)", await MeasureAsync(runs, () => SectionAsync(context, name)));
        }

        var treeStats = await MeasureAsync(runs, () => AllSectionsAsync(tree));
        Row("ghw-ryzen-1600 tree, every section it supports (ms)", treeStats);
        var document = await live.CollectAsync(CancellationToken.None);
        var json = JsonConvert.SerializeObject(document, WireJson.Settings);
        var serialise = await MeasureAsync(runs * 20, () =>
            Task.FromResult(JsonConvert.SerializeObject(document, WireJson.Settings)));
        Row($"serialise live document ({json.Length} bytes) (ms)", serialise);
        Console.WriteLine(
            $"| ratio tree / live collection time | {treeStats.Median / liveStats.Median:F2} | | |");

        await using var daemon = await DaemonProcess.StartAsync(extraArgs: ["--log-level", "warn"]);
        using (var warm = await daemon.Client.GetAsync("/1.0/system/resources"))
        {
            warm.EnsureSuccessStatusCode();
        }

        Console.WriteLine();
        Console.WriteLine("| GET (simulated daemon, cache warm) | c | req/s | p50 ms | p99 ms | non-2xx |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var connections in new[] { 1, 16 })
        {
            foreach (var path in new[] { "/1.0/system/resources", "/1.0" })
            {
                var result = await H2Load.RunAsync(daemon.SocketPath, path, requests, connections);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {path} | {connections} | {result.RequestsPerSecond:F0} | {result.P50Ms:F2} | " +
                    $"{result.P99Ms:F2} | {result.Non2xx} |"));
            }
        }

        return 0;
    }

    // The tree lacks what GPU and load need (README §1), so those two sections fail; the rest are timed.
    private static async Task<int> AllSectionsAsync(ResourcesCollector collector)
    {
        var context = collector.CreateContext(CancellationToken.None);
        var collected = 0;
        foreach (var name in SectionNames)
        {
            try
            {
                collected += await SectionAsync(context, name) is null ? 0 : 1;
            }
            catch (ProviderException)
            {
                // Expected for GPU and load on this tree.
            }
        }

        return collected;
    }

    private static async Task<object> SectionAsync(CollectContext context, string name) => name switch
    {
        "CPU" => CpuCollector.Collect(context),
        "memory" => MemoryCollector.Collect(context),
        "GPU" => await GpuCollector.CollectAsync(context),
        "network" => NetworkCollector.Collect(context),
        "storage" => StorageCollector.Collect(context),
        "USB" => UsbCollector.Collect(context),
        "PCI" => PciCollector.Collect(context),
        "system" => await SystemCollector.CollectAsync(context),
        _ => LoadCollector.Collect(context),
    };

    private static async Task<Stats> MeasureAsync<T>(int runs, Func<Task<T>> run)
    {
        await run();
        var times = new List<double>();
        long allocated = 0;
        for (var i = 0; i < runs; i++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
            allocated += GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        times.Sort();

        return new Stats(Measure.Percentile(times, 50), Measure.Percentile(times, 90), allocated / runs);
    }

    private static void Row(string name, Stats stats) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {stats.Median:F3} | {stats.P90:F3} | {stats.AllocatedPerRun / 1024.0:F0} KiB |"));

    private sealed record Stats(double Median, double P90, long AllocatedPerRun);

    /// <summary>A captured tree's probes: this host's uname, no device nodes, no helper commands.</summary>
    private sealed class TreeProbes(UnameInfo uname) : IHostProbes
    {
        public UnameInfo Uname() => uname;

        public uint? GetPhysicalBlockSize(string hostPath) => null;

        public Task<string> GetSystemTypeAsync(CancellationToken cancellationToken) => Task.FromResult("physical");

        public Task<string?> GetLshwJsonAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

        public Task<string?> GetNvidiaCsvAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
    }
}
