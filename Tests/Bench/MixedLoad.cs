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
        (HttpMethod.Post, "/1.0/system/storage/wipe", "{\"id\":\"/dev/disk/by-id/ata-Samsung_SSD_870_EVO_1TB_S6PUNX0T100001\"}"),
        (HttpMethod.Patch, "/1.0/system/network", "{\"config\":{\"dns\":{\"hostname\":\"mixed\"}}}"),
    ];

    public static async Task RunAsync(DaemonProcess daemon, TimeSpan duration, int clients)
    {
        var readLatencies = new ConcurrentBag<double>();
        var errors = 0;
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
                        if ((int)response.StatusCode >= 500)
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

                Interlocked.Increment(ref counts);
            }
        });
        await Task.WhenAll(workers);
        var sorted = readLatencies.Order().ToList();
        Console.WriteLine(
            $"| mixed load {duration.TotalSeconds:F0} s, {clients} clients: requests | {counts} | | | |");
        Console.WriteLine($"| mixed load errors (5xx or connection) | {errors} | | | 0 |");
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

    // Areas log "Hardware operation {Operation} started/finished" with their area name first.
    [GeneratedRegex(@"(?<area>[a-z]+): hardware operation \S+ (?<what>started|finished)")]
    private static partial Regex OperationLine();
}
