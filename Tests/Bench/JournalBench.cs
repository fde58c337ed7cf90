using System.Diagnostics;
using System.Globalization;
using System.Text;
using IncusOs.Providers.Journal;
using IncusOs.Providers.Process;
using IncusOs.Providers.Simulation;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncusOs.Bench;

/// <summary>
/// The journal providers on a large journal: <c>journalctl -o json</c> alone versus the host provider
/// (journalctl, re-encoding, spool, streaming out), and the simulated journal's query, with the growth of
/// the managed heap while each runs. Argument: number of entries (default 100000).
/// </summary>
public static class JournalBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var directory = Directory.CreateTempSubdirectory("journal-bench-").FullName;
        try
        {
            var file = Path.Combine(directory, "bench.journal");
            var watch = Stopwatch.StartNew();
            await WriteJournalAsync(file, count);
            Console.WriteLine($"journal file: {count} entries, {new FileInfo(file).Length / 1048576.0:F0} MiB, "
                + $"made in {watch.Elapsed.TotalSeconds:F1} s");

            // The provider runs "journalctl" by name; put a wrapper reading the file first on PATH.
            var bin = Path.Combine(directory, "bin");
            Directory.CreateDirectory(bin);
            var wrapper = Path.Combine(bin, "journalctl");
            await File.WriteAllTextAsync(
                wrapper, $"#!/bin/bash\nexec -a journalctl /usr/bin/journalctl --file='{file}' \"$@\"\n");
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Environment.SetEnvironmentVariable("PATH", bin + ":" + Environment.GetEnvironmentVariable("PATH"));

            for (var round = 1; round <= 3; round++)
            {
                watch.Restart();
                _ = await Measure.RunAsync("journalctl", "-o", "json", "-b", "all");
                var alone = watch.Elapsed.TotalSeconds;

                var journal = new HostJournal(new ProcessRunner(NullLogger<ProcessRunner>.Instance), directory);
                var (seconds, bytes, heap) = await TimeQueryAsync(journal, new JournalQuery(null, "all", null));
                Console.WriteLine(
                    $"round {round}: journalctl alone {alone:F2} s; host provider {seconds:F2} s "
                    + $"(ratio {seconds / alone:F2}), {bytes / 1048576.0:F0} MiB streamed, "
                    + $"heap growth {heap / 1048576.0:F1} MiB");
            }

            var machine = SimulatedMachine.OpenOrCreate(Path.Combine(directory, "state"));
            using var simulated = new SimulatedJournal(machine, TimeProvider.System);
            watch.Restart();
            for (var i = 0; i < count; i++)
            {
                simulated.Append(6, $"2025-09-03 14:00:00 INFO Bench entry number={i}");
                if (simulated.Dropped > 0)
                {
                    await simulated.FlushAsync(CancellationToken.None);
                }
            }

            await simulated.FlushAsync(CancellationToken.None);
            Console.WriteLine(
                $"simulated: {count} appends in {watch.Elapsed.TotalSeconds:F2} s, dropped {simulated.Dropped}");
            for (var round = 1; round <= 3; round++)
            {
                var (seconds, bytes, heap) = await TimeQueryAsync(simulated, new JournalQuery("incus-osd", "0", null));
                var (lastSeconds, _, _) = await TimeQueryAsync(simulated, new JournalQuery("incus-osd", "0", "10"));
                Console.WriteLine(
                    $"round {round}: simulated query all {seconds:F2} s, {bytes / 1048576.0:F0} MiB, heap growth "
                    + $"{heap / 1048576.0:F1} MiB; -n 10 {lastSeconds:F2} s");
            }

            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(double Seconds, long Bytes, long HeapGrowth)> TimeQueryAsync(
        IJournal journal, JournalQuery query)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var peak = before;
        var watch = Stopwatch.StartNew();
        using var sampling = new Timer(_ => peak = Math.Max(peak, GC.GetTotalMemory(false)), null, 0, 10);
        using var entries = await journal.QueryAsync(query, CancellationToken.None);
        var sink = new CountingSink();
        await entries.WriteArrayAsync(sink, CancellationToken.None);

        return (watch.Elapsed.TotalSeconds, sink.Length, peak - before);
    }

    private static async Task WriteJournalAsync(string file, int count)
    {
        var info = new ProcessStartInfo("/lib/systemd/systemd-journal-remote")
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--output=" + file, "--split-mode=none", "-" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var input = new StreamWriter(process.StandardInput.BaseStream, new UTF8Encoding(false), 1 << 16);
        var realtime = 1756900000000000L;
        for (var i = 0; i < count; i++)
        {
            var boot = i * 3 / count;
            await input.WriteAsync(
                $"__REALTIME_TIMESTAMP={realtime + (i * 1000L)}\n__MONOTONIC_TIMESTAMP={1000L + i}\n"
                + $"_BOOT_ID={boot + 1:x32}\n_MACHINE_ID={7:x32}\n_SYSTEMD_UNIT=incus-osd.service\n_PID=412\n"
                + $"PRIORITY=6\nSYSLOG_IDENTIFIER=incus-osd\n"
                + $"MESSAGE=2025-09-03 14:00:00 INFO Bench entry number={i} padding=0123456789abcdef\n\n");
        }

        await input.FlushAsync();
        input.Close();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("systemd-journal-remote failed: " + await stderr);
        }
    }

    /// <summary>Counts bytes and keeps none.</summary>
    private sealed class CountingSink : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
