using System.Diagnostics;
using IncusOs.Tests.Support;

namespace IncusOs.Bench;

/// <summary>
/// The daemon core: start-up to the first answered <c>GET /1.0</c>, idle RSS, and <c>GET /1.0</c>
/// requests per second with h2load at 1 and 16 connections.
/// </summary>
public static class CoreBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var starts = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            await using var fresh = await DaemonProcess.StartAsync(extraArgs: ["--log-level", "info"]);
            starts.Add(watch.Elapsed.TotalMilliseconds);
        }

        await using var daemon = await DaemonProcess.StartAsync(extraArgs: ["--log-level", "info"]);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var pid = daemon.Pid;
        var idleRss = Measure.RssBytes(pid);
        Console.WriteLine($"start-up to first GET /1.0 (ms): {string.Join(" / ", starts.Select(s => s.ToString("F0")))}");
        Console.WriteLine($"idle RSS: {idleRss / 1048576.0:F1} MiB");
        foreach (var connections in new[] { 1, 16 })
        {
            var output = await Measure.RunAsync(
                "h2load", "--h1", "-B", "unix:" + daemon.SocketPath, "-n", "50000", "-c", connections.ToString(),
                "-t", "1", "http://localhost/1.0");
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("finished in", StringComparison.Ordinal));
            Console.WriteLine($"GET /1.0 c={connections}: {line}");
        }

        Console.WriteLine($"RSS after load: {Measure.RssBytes(pid) / 1048576.0:F1} MiB");

        return 0;
    }
}
