using System.Diagnostics;
using IncusOs.Actors.Network;

namespace IncusOs.Bench;

/// <summary>
/// Validation plus generation of every file an apply writes (networkd, timesyncd, hosts) for configs
/// of 10, 100 and 1,000 interfaces with as many VLANs: time and allocated bytes per device for each
/// size, and the 1,000/10 ratio (target: within 2x, i.e. linear).
/// </summary>
public static class NetworkBench
{
    private static readonly int[] Sizes = [10, 100, 1000];

    public static Task<int> RunAsync(string[] args)
    {
        var perDevice = new Dictionary<int, (double Micros, double Bytes)>();

        // Steady state before any figure: tiered compilation promotes hot methods only after some
        // thousands of calls, which would otherwise land on the first (smallest) size.
        Run(Build(100), 300);
        foreach (var size in Sizes)
        {
            var config = Build(size);
            var devices = config.Interfaces.Count + config.Vlans.Count;
            Run(config, 3);
            var iterations = Math.Max(5, 20000 / size);

            // The median of five batches: one batch of the largest size lasts half a second, and a
            // shared machine's hiccup in it would otherwise decide the ratio.
            var samples = new List<(double Micros, double Bytes)>();
            var files = 0;
            for (var batch = 0; batch < 5; batch++)
            {
                var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                files = Run(config, iterations);
                watch.Stop();
                var bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
                var runs = (double)iterations * devices;
                samples.Add((watch.Elapsed.TotalMicroseconds / runs, bytes / runs));
            }

            var (micros, allocated) = samples.OrderBy(s => s.Micros).ElementAt(samples.Count / 2);
            perDevice[size] = (micros, allocated);
            Console.WriteLine(
                $"network validate+generate, {size,5} interfaces + {size,5} VLANs ({files,5} files): "
                + $"{micros,8:F2} us/device, {allocated,9:F0} B/device (median of 5 batches of {iterations} runs)");
        }

        var (small, large) = (perDevice[Sizes[0]], perDevice[Sizes[^1]]);
        Console.WriteLine(
            $"ratio per device 1000/10: time {large.Micros / small.Micros:F2}x, "
            + $"allocations {large.Bytes / small.Bytes:F2}x "
            + "(target: within 2x)");

        return Task.FromResult(0);
    }

    private static int Run(SystemNetworkConfig config, int iterations)
    {
        var files = 0;
        for (var i = 0; i < iterations; i++)
        {
            var planned = NetworkPlanBuilder.Build(config, "bench-host");
            if (planned.Error is { } error)
            {
                throw new InvalidOperationException(error);
            }

            files = planned.Plan!.NetworkdFiles.Count;
        }

        return files;
    }

    private static SystemNetworkConfig Build(int size) => new()
    {
        Dns = new SystemNetworkDns
        {
            Hostname = "bench", Domain = "example.org", SearchDomains = ["example.org"], Nameservers = ["10.0.0.53"],
        },
        Ntp = new SystemNetworkNtp { Timeservers = ["10.0.0.123"] },
        Interfaces = Enumerable.Range(0, size).Select(i => new SystemNetworkInterface
        {
            Name = $"eth{i}",
            Mtu = 9000,
            VlanTags = [100 + i % 50],
            Addresses = [$"10.{i / 250}.{i % 250}.2/24", "slaac"],
            RequiredForOnline = "ipv4",
            Routes = [new SystemNetworkRoute { To = "192.168.0.0/16", Via = $"10.{i / 250}.{i % 250}.1" }],
            Hwaddr = $"02:00:00:00:{i / 256:x2}:{i % 256:x2}",
            Roles = i == 0 ? ["management"] : ["instances"],
            Lldp = i % 2 == 0,
        }).ToList(),
        Vlans = Enumerable.Range(0, size).Select(i => new SystemNetworkVlan
        {
            Name = $"vlan{i}",
            Parent = $"eth{i}",
            Id = 1 + i % 4094,
            Addresses = ["dhcp4"],
            Roles = ["storage"],
        }).ToList(),
    };
}
