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
        (HttpMethod.Put, "/1.0/system/update",
            "{\"config\":{\"update_frequency\":43200000000000,\"auto_reboot\":false}}"),
        (HttpMethod.Post, "/1.0/system/storage/wipe", "{\"id\":\"/dev/sdb\"}"),
        (HttpMethod.Put, "/1.0/system/storage", PoolBody("\"type\":\"zfs-raid0\",\"devices\":[\"" + PoolDrive + "\"]")),
        (HttpMethod.Delete, "/1.0/system/storage", PoolBody(string.Empty)),
        (HttpMethod.Patch, "/1.0/system/network", "{\"config\":{\"dns\":{\"hostname\":\"mixed\"}}}"),
    ];

    // The pool the load creates and destroys lives on the NVMe drive, so the wipes of the SATA drive
    // and the pool changes are independent operations that the storage actor must still serialize.
    private const string PoolDrive = "/dev/nvme0n1";

    private static string PoolBody(string fields) =>
        "{\"config\":{\"pools\":[{\"name\":\"mixed\"" + (fields.Length > 0 ? "," + fields : string.Empty) + "}]}}";

    public static async Task RunAsync(DaemonProcess daemon, TimeSpan duration, int clients)
    {
        var readLatencies = new ConcurrentBag<double>();
        var writes = new ConcurrentBag<(string Name, int Status, double Ms)>();
        var errors = 0;
        var timeouts = 0;
        var counts = 0;
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
                        writes.Add(($"{method} {path}", status, watch.Elapsed.TotalMilliseconds));
                        if (status >= 500)
                        {
                            Interlocked.Increment(ref errors);
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
                catch (TaskCanceledException)
                {
                    // The client's timeout (60 s): an answer that never came is an error too.
                    Interlocked.Increment(ref errors);
                    Interlocked.Increment(ref timeouts);
                }

                Interlocked.Increment(ref counts);
            }
        });
        await Task.WhenAll(workers);
        var sorted = readLatencies.Order().ToList();
        Console.WriteLine(
            $"| mixed load {duration.TotalSeconds:F0} s, {clients} clients: requests | {counts} | | | |");
        Console.WriteLine(
            $"| mixed load errors (5xx, connection, no answer in 60 s) | {errors} ({timeouts} timed out) | | | 0 |");
        var p99 = Measure.Percentile(sorted, 99).ToString("F2", CultureInfo.InvariantCulture);
        Console.WriteLine($"| mixed load read p99 ms | {p99} | | | |");
        // A refusal (a wipe of a drive in a pool, a pool that already exists) is the daemon working.
        foreach (var group in writes.GroupBy(w => w.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ok = group.Count(w => w.Status < 400);
            var refused = group.Count(w => w.Status is >= 400 and < 500);
            var slowest = group.Max(w => w.Ms).ToString("F0", CultureInfo.InvariantCulture);
            Console.WriteLine(
                $"| mixed load {group.Key}: done / 4xx, slowest ms | {ok} / {refused}, {slowest} | | | |");
        }

        var (overlaps, seen) = Overlaps(daemon.Output);
        Console.WriteLine($"| overlapping hardware operations in the log (of {seen} started) | {overlaps} | | | 0 |");
    }

    /// <summary>Counts operations that started while another of the same area was running, of all started.</summary>
    private static (int Overlaps, int Started) Overlaps(string log)
    {
        var running = new Dictionary<string, int>();
        var overlaps = 0;
        var started = 0;
        foreach (Match match in OperationLine().Matches(log))
        {
            var area = match.Groups["area"].Value;
            running.TryGetValue(area, out var now);
            if (match.Groups["what"].Value == "started")
            {
                overlaps += now > 0 ? 1 : 0;
                started++;
                running[area] = now + 1;
            }
            else
            {
                running[area] = Math.Max(0, now - 1);
            }
        }

        return (overlaps, started);
    }

    // The serializing actors log "Storage {Operation} started" / "... completed|failed" and
    // "Recovery key {Operation} started" / "... finished|failed"; the prefix names the area.
    [GeneratedRegex(@"(?<area>Storage|Recovery key) [^\n]*?\b(?<what>started|completed|finished|failed)\b")]
    private static partial Regex OperationLine();
}
