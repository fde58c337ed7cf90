using System.Diagnostics;
using System.Globalization;
using System.Text;
using IncusOs.Tests.Support;

namespace IncusOs.Bench;

/// <summary>
/// The services area on the simulated daemon, side by side in one run: service reads against
/// <c>GET /1.0</c> (an Ask with no refresh), reads that refresh run-time state (multipath runs its
/// tool), and the latency of a full update per service through <c>PUT</c>.
/// </summary>
public static class ServicesBench
{
    private static readonly Dictionary<string, string> Updates = new(StringComparer.Ordinal)
    {
        ["iscsi"] = "{\"config\":{\"enabled\":true,\"targets\":" +
            "[{\"target\":\"iqn.t\",\"address\":\"10.0.0.5\",\"port\":3260}]}}",
        ["lvm"] = "{\"config\":{\"enabled\":true,\"system_id\":1}}",
        ["multipath"] = "{\"config\":{\"enabled\":true,\"wwns\":[\"0x6001405a1b2c3d4e5f60718293a4b5c6\"]}}",
        ["nvme"] = "{\"config\":{\"enabled\":true,\"targets\":[]}}",
        ["ovn"] = "{\"config\":{\"enabled\":true,\"database\":\"tcp:10.0.0.1:6642\"}}",
        ["usbip"] = "{\"config\":{\"targets\":[{\"address\":\"10.0.0.70\",\"bus_id\":\"1-1\"}]}}",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var updates = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        await using var daemon = await DaemonProcess.StartAsync(extraArgs: ["--log-level", "warn"]);
        foreach (var (name, body) in Updates)
        {
            await daemon.SendAsync(HttpMethod.Put, "/1.0/services/" + name, body);
        }

        Console.WriteLine("| measure | value | ratio to GET /1.0 |");
        Console.WriteLine("|---|---|---|");
        foreach (var connections in new[] { 1, 16 })
        {
            var baseline = await H2Load.RunAsync(daemon.SocketPath, "/1.0", requests, connections);
            Row($"GET /1.0 c={connections} req/s", baseline.RequestsPerSecond, 1);
            var paths = new[] { "/1.0/services", "/1.0/services/lvm", "/1.0/services/nvme", "/1.0/services/multipath" };
            foreach (var path in paths)
            {
                var result = await H2Load.RunAsync(daemon.SocketPath, path, requests, connections);
                Row($"GET {path} c={connections} req/s", result.RequestsPerSecond,
                    result.RequestsPerSecond / baseline.RequestsPerSecond);
                Row($"GET {path} c={connections} p99 ms", result.P99Ms, result.P99Ms / baseline.P99Ms);
            }
        }

        foreach (var (name, body) in Updates)
        {
            var times = new List<double>();
            for (var i = 0; i < updates; i++)
            {
                var watch = Stopwatch.StartNew();
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await daemon.Client.PutAsync("/1.0/services/" + name, content);
                times.Add(watch.Elapsed.TotalMilliseconds);
                response.EnsureSuccessStatusCode();
            }

            times.Sort();
            Row($"PUT /1.0/services/{name} p50 ms ({updates} updates)", Measure.Percentile(times, 50), double.NaN);
            Row($"PUT /1.0/services/{name} p99 ms", Measure.Percentile(times, 99), double.NaN);
        }

        return 0;
    }

    private static void Row(string name, double value, double ratio) =>
        Console.WriteLine($"| {name} | {Format(value)} | {Format(ratio)} |");

    private static string Format(double value) =>
        double.IsNaN(value)
            ? string.Empty
            : value.ToString(value >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture);
}
