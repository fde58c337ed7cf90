using System.Globalization;

namespace IncusOs.Bench;

/// <summary>
/// Drives <c>h2load --h1</c> against a unix socket and reads requests per second from its summary and
/// the latency percentiles from its per-request log (<c>--log-file</c>: start, status, microseconds).
/// </summary>
public static class H2Load
{
    public sealed record Result(double RequestsPerSecond, double P50Ms, double P99Ms, int Non2xx);

    public static async Task<Result> RunAsync(string socket, string path, int requests, int connections)
    {
        var log = Path.GetTempFileName();
        try
        {
            var output = await Measure.RunAsync(
                "h2load", "--h1", "-B", "unix:" + socket, "-n", requests.ToString(CultureInfo.InvariantCulture),
                "-c", connections.ToString(CultureInfo.InvariantCulture), "-t", "1", "--log-file", log,
                "http://localhost" + path);
            var finished = output.Split('\n').First(l => l.StartsWith("finished in", StringComparison.Ordinal));
            var rps = double.Parse(
                finished.Split(',')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            var latencies = new List<double>();
            var non2xx = 0;
            foreach (var line in File.ReadLines(log))
            {
                var fields = line.Split('\t');
                if (fields.Length < 3)
                {
                    continue;
                }

                if (!fields[1].StartsWith('2'))
                {
                    non2xx++;
                }

                latencies.Add(double.Parse(fields[2], CultureInfo.InvariantCulture) / 1000.0);
            }

            latencies.Sort();

            return new Result(rps, Measure.Percentile(latencies, 50), Measure.Percentile(latencies, 99), non2xx);
        }
        finally
        {
            File.Delete(log);
        }
    }
}
