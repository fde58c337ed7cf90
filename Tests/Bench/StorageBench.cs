using System.Diagnostics;
using System.Text;
using IncusOs.Providers.Process;
using IncusOs.Providers.Simulation;
using IncusOs.Providers.Storage;
using IncusOs.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Bench;

/// <summary>
/// Storage: (a) read latency while a 4 GiB simulated drive is wiped, against the same reads idle;
/// (b) a loop-device discard through the host wipe provider against <c>blkdiscard -f</c> run directly;
/// (c) 50 concurrent wipe requests for 5 drives: all answered, none overlapping.
/// </summary>
public static class StorageBench
{
    private const string Storage = "/1.0/system/storage";
    private const string Wipe = "/1.0/system/storage/wipe";

    public static async Task<int> RunAsync(string[] args)
    {
        await ReadsDuringWipeAsync();
        await LoopDiscardAsync();
        await ConcurrentWipesAsync();

        return 0;
    }

    private static async Task ReadsDuringWipeAsync()
    {
        await using var daemon = await StartAsync(1, 4L << 30, 1L << 30);
        _ = await ReadLoopAsync(daemon, () => false, TimeSpan.FromSeconds(2));
        var idle = await ReadLoopAsync(daemon, () => false, TimeSpan.FromSeconds(4));
        var wipe = PostAsync(daemon, Wipe, """{"id":"/dev/sdb"}""");
        var clock = Stopwatch.StartNew();
        var busy = await ReadLoopAsync(daemon, () => wipe.IsCompleted, TimeSpan.FromMinutes(2));
        var (status, error) = await wipe;
        Console.WriteLine(
            $"(a) wipe of a 4 GiB simulated drive at 1 GiB/s: {status} {error} in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var path in new[] { Storage, "/1.0" })
        {
            var before = idle[path].Order().ToList();
            var during = busy[path].Order().ToList();
            var (p50i, p99i) = (Measure.Percentile(before, 50), Measure.Percentile(before, 99));
            var (p50b, p99b) = (Measure.Percentile(during, 50), Measure.Percentile(during, 99));
            Console.WriteLine(
                $"    GET {path}: idle n={before.Count} p50={p50i:F2} ms p99={p99i:F2} ms; "
                + $"during wipe n={during.Count} p50={p50b:F2} ms p99={p99b:F2} ms; "
                + $"ratio p50={p50b / p50i:F2} p99={p99b / p99i:F2} (target p99 <= 2)");
        }
    }

    private static async Task LoopDiscardAsync()
    {
        var directory = Directory.CreateTempSubdirectory("storage-bench-").FullName;
        var file = Path.Combine(directory, "disk.img");
        const long size = 1L << 30;
        const int written = 256 << 20;
        string? loop = null;
        try
        {
            await using (var stream = new FileStream(file, FileMode.CreateNew))
            {
                stream.SetLength(size);
            }

            loop = (await Measure.RunAsync("losetup", "-f", "--show", file)).Trim();
            var wiper = new HostDriveWiper(new ProcessRunner(NullLogger<ProcessRunner>.Instance));
            var provider = new List<double>();
            var direct = new List<double>();
            Fill(file, written);
            await wiper.WipeAsync(loop, CancellationToken.None);
            for (var round = 0; round < 5; round++)
            {
                Fill(file, written);
                var clock = Stopwatch.StartNew();
                await wiper.WipeAsync(loop, CancellationToken.None);
                provider.Add(clock.Elapsed.TotalMilliseconds);

                Fill(file, written);
                clock.Restart();
                await Measure.RunAsync("blkdiscard", "-f", loop);
                direct.Add(clock.Elapsed.TotalMilliseconds);
            }

            var (p, d) = (Median(provider), Median(direct));
            Console.WriteLine(
                $"(b) discard of a 1 GiB loop device holding 256 MiB, 5 rounds alternating: host wipe provider "
                + $"median {p:F1} ms [{Join(provider)}], blkdiscard -f direct median {d:F1} ms [{Join(direct)}]; "
                + $"ratio {p / d:F2} (target <= 1.2)");
        }
        finally
        {
            if (loop is not null)
            {
                await Measure.RunAsync("losetup", "-d", loop);
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task ConcurrentWipesAsync()
    {
        await using var daemon = await StartAsync(5, 32L << 20, 256L << 20);
        var clock = Stopwatch.StartNew();
        var requests = Enumerable.Range(0, 50)
            .Select(i => PostAsync(daemon, Wipe, $$"""{"id":"/dev/sd{{(char)('b' + i % 5)}}"}"""))
            .ToList();
        var answers = await Task.WhenAll(requests);
        var elapsed = clock.Elapsed;
        await Task.Delay(500);

        var active = 0;
        var maxActive = 0;
        var operations = 0;
        var lines = daemon.Output.Split('\n').Where(l => l.Contains("Storage wipe of", StringComparison.Ordinal));
        foreach (var line in lines)
        {
            if (line.Contains(" started", StringComparison.Ordinal))
            {
                active++;
                operations++;
                maxActive = Math.Max(maxActive, active);
            }
            else if (line.Contains(" completed in", StringComparison.Ordinal)
                     || line.Contains(" failed after", StringComparison.Ordinal))
            {
                active--;
            }
        }

        Console.WriteLine(
            $"(c) 50 concurrent wipes of 5 x 32 MiB drives at 256 MiB/s: answered {answers.Length}/50 "
            + $"({answers.Count(a => a.Status == 200)} x 200) in {elapsed.TotalSeconds:F1} s; wipe operations logged "
            + $"{operations}, most at once {maxActive} (must be 1)");
    }

    private static async Task<DaemonProcess> StartAsync(int freeDrives, long driveBytes, long bytesPerSecond)
    {
        var daemon = await DaemonProcess.StartAsync(
            state =>
            {
                var drives = new List<SimulatedDrive>
                {
                    new()
                    {
                        Name = "sda", Id = "/dev/disk/by-id/scsi-0QEMU_QEMU_HARDDISK_root", Model = "QEMU HARDDISK",
                        Bus = "scsi", SizeBytes = 64L << 20, Boot = true,
                    },
                };
                drives.AddRange(Enumerable.Range(0, freeDrives).Select(i => new SimulatedDrive
                {
                    Name = $"sd{(char)('b' + i)}", Id = $"/dev/disk/by-id/ata-BENCH_{i}", Model = "BENCH",
                    SizeBytes = driveBytes, WipeBytesPerSecond = bytesPerSecond,
                }));
                var machine = Path.Combine(state, "machine");
                Directory.CreateDirectory(machine);
                File.WriteAllText(
                    Path.Combine(machine, SimulatedMachine.DocumentFile),
                    JsonConvert.SerializeObject(new MachineDocument { Drives = drives }));
            },
            extraArgs: ["--log-level", "info"]);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline
               && !(await daemon.GetMetadataAsync(Storage)).ToString().Contains("\"local\"", StringComparison.Ordinal))
        {
            await Task.Delay(50);
        }

        return daemon;
    }

    private static async Task<Dictionary<string, List<double>>> ReadLoopAsync(
        DaemonProcess daemon, Func<bool> done, TimeSpan duration)
    {
        var latencies = new Dictionary<string, List<double>> { [Storage] = [], ["/1.0"] = [] };
        var clock = Stopwatch.StartNew();
        while (!done() && clock.Elapsed < duration)
        {
            foreach (var path in latencies.Keys)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await daemon.Client.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                latencies[path].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        return latencies;
    }

    private static async Task<(int Status, string Error)> PostAsync(DaemonProcess daemon, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await daemon.Client.PostAsync(path, content);
        var envelope = JObject.Parse(await response.Content.ReadAsStringAsync());

        return ((int)response.StatusCode, (string?)envelope["error"] ?? string.Empty);
    }

    private static void Fill(string file, int bytes)
    {
        var block = new byte[1 << 20];
        Random.Shared.NextBytes(block);
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
        for (var done = 0; done < bytes; done += block.Length)
        {
            stream.Write(block);
        }

        stream.Flush(flushToDisk: true);
    }

    private static double Median(List<double> values) => Measure.Percentile(values.Order().ToList(), 50);

    private static string Join(List<double> values) => string.Join(", ", values.Select(v => v.ToString("F0")));
}
