using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using IncusOs.Tests.Support;

namespace IncusOs.Bench;

/// <summary>
/// 64 clients for a fixed time: reads of every area and the mutations a busy operator would send.
/// Reports errors (5xx or a failed connection), the p99 of reads, and whether the daemon's log shows
/// two hardware operations of one actor overlapping (from its start/end lines).
/// </summary>
public static partial class MixedLoad
{
    private static readonly string[] Reads =
    [
        "/1.0", "/1.0/system/update", "/1.0/system/storage", "/1.0/system/network", "/1.0/system/security",
        "/1.0/services", "/1.0/applications", "/1.0/system/resources", "/1.0/debug",
    ];

    private static readonly (HttpMethod Method, string Path, string Body)[] Writes =
    [
        (HttpMethod.Post, "/1.0/system/update", string.Empty),
        (HttpMethod.Put, "/1.0/system/update", "{\"config\":{\"update_frequency\":43200000000000,\"auto_reboot\":false}}"),
        (HttpMethod.Post, "/1.0/system/storage/wipe", "{\"id\":\"/dev/disk/by-id/ata-Samsung_SSD_870_EVO_1TB_S6PUNX0T100001\"}"),
        (HttpMethod.Put, "/1.0/system/storage", PoolBody("\"type\":\"zfs-raid0\",\"devices\":[\"" + PoolDrive + "\"]")),
        (HttpMethod.Delete, "/1.0/system/storage", PoolBody(string.Empty)),
        (HttpMethod.Patch, "/1.0/system/network", "{\"config\":{\"dns\":{\"hostname\":\"mixed\"}}}"),
    ];

    // The pool the load creates and destroys lives on the NVMe drive, so the wipes of the SATA drive
    // and the pool changes are independent operations that the storage actor must still serialize.
    private const string PoolDrive = "/dev/disk/by-id/nvme-WD_Blue_SN570_1TB_22163Y800002";

    private static string PoolBody(string fields) =>
        "{\"config\":{\"pools\":[{\"name\":\"mixed\"" + (fields.Length > 0 ? "," + fields : string.Empty) + "}]}}";

    public static async Task RunAsync(DaemonProcess daemon, TimeSpan duration, int clients)
    {
        var readLatencies = new ConcurrentBag<double>();
        var errors = 0;
        var counts = 0;
        var writesDone = 0;
        var writesRefused = 0;
        using var stop = new CancellationTokenSource(duration);
        var workers = Enumerable.Range(0, clients).Select(async id =>
        {
            using var client = UnixSocketHttp.CreateClient(daemon.SocketPath);
            var random = new Random(id);
            while (!stop.IsCancellationRequested)
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    if (random.Next(10) == 0)
                    {
                        var (method, path, body) = Writes[random.Next(Writes.Length)];
                        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body) };
                        using var response = await client.SendAsync(request);
                        var status = (int)response.StatusCode;
                        if (status >= 500)
                        {
                            Interlocked.Increment(ref errors);
                        }
                        else if (status >= 400)
                        {
                            Interlocked.Increment(ref writesRefused);
                        }
                        else
                        {
                            Interlocked.Increment(ref writesDone);
                        }
                    }
                    else
                    {
                        using var response = await client.GetAsync(Reads[random.Next(Reads.Length)]);
                        readLatencies.Add(watch.Elapsed.TotalMilliseconds);
                        if ((int)response.StatusCode >= 500)
                        {
                            Interlocked.Increment(ref errors);
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                Interlocked.Increment(ref counts);
            }
        });
        await Task.WhenAll(workers);
        var sorted = readLatencies.Order().ToList();
        Console.WriteLine(
            $"| mixed load {duration.TotalSeconds:F0} s, {clients} clients: requests | {counts} | | | |");
        Console.WriteLine($"| mixed load errors (5xx or connection) | {errors} | | | 0 |");
        // A refusal (a wipe of a drive in use, a pool that already exists) is the daemon working.
        Console.WriteLine($"| mixed load writes done / refused with 4xx | {writesDone} / {writesRefused} | | | |");
        Console.WriteLine(
            $"| mixed load read p99 ms | {Measure.Percentile(sorted, 99).ToString("F2", CultureInfo.InvariantCulture)} | | | |");
        Console.WriteLine($"| overlapping hardware operations in the log | {Overlaps(daemon.Output)} | | | 0 |");
    }

    /// <summary>Counts operations that started while another of the same area was running.</summary>
    private static int Overlaps(string log)
    {
        var running = new Dictionary<string, int>();
        var overlaps = 0;
        foreach (Match match in OperationLine().Matches(log))
        {
            var area = match.Groups["area"].Value;
            running.TryGetValue(area, out var now);
            if (match.Groups["what"].Value == "started")
            {
                overlaps += now > 0 ? 1 : 0;
                running[area] = now + 1;
            }
            else
            {
                running[area] = Math.Max(0, now - 1);
            }
        }

        return overlaps;
    }

    // The serializing actors log "Storage {Operation} started" / "... completed|failed" and
    // "Recovery key {Operation} started" / "... finished|failed"; the prefix names the area.
    [GeneratedRegex(@"(?<area>Storage|Recovery key) \S+ (?<what>started|completed|finished|failed)")]
    private static partial Regex OperationLine();
}
