using System.Globalization;
using System.Text;
using System.Threading.Channels;
using IncusOs.Providers.Simulation;

namespace IncusOs.Providers.Journal;

/// <summary>
/// The simulated machine's journal: the daemon's own log entries, one JSON object per line in
/// <c>journal/BOOT_ID.jsonl</c>, with the fields journald gives a service's stdout. Entries go through
/// a bounded channel to one background writer, so logging never blocks and memory stays bounded; when
/// the channel is full, entries are dropped and counted, and the writer records how many (as journald's
/// rate limiting does). Queries read the files as <c>journalctl</c> would.
/// </summary>
public sealed partial class SimulatedJournal : IJournal, IDisposable
{
    public const string Identifier = "incus-osd";
    public const string Unit = "incus-osd.service";
    public const string FolderName = "journal";
    public const string FileSuffix = ".jsonl";

    /// <summary>Boots whose entries are kept, as journald keeps only so much history.</summary>
    public const int DefaultMaxBoots = 100;

    private const int Capacity = 8192;
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    private readonly SimulatedMachine _machine;
    private readonly int _maxBoots;
    private readonly TimeProvider _time;
    private readonly Channel<object> _channel;
    private readonly Task _writer;
    private readonly string _seqnumId = Guid.NewGuid().ToString("N");
    private readonly string _pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
    private long _dropped;

    public SimulatedJournal(SimulatedMachine machine, TimeProvider time, int maxBoots = DefaultMaxBoots)
    {
        _machine = machine;
        _time = time;
        _maxBoots = Math.Max(1, maxBoots);
        Directory = machine.PathOf(FolderName);
        SpoolDirectory = machine.PathOf("tmp");
        System.IO.Directory.CreateDirectory(Directory);
        _channel = Channel.CreateBounded<object>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Where the per-boot files are.</summary>
    public string Directory { get; }

    /// <summary>Where query results are spooled (unlinked files).</summary>
    public string SpoolDirectory { get; }

    /// <summary>Entries dropped because the writer fell behind, not yet reported in the journal.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Records one message of the daemon's stdout in the current boot's journal, stamped now. Never
    /// blocks: when the writer is <see cref="Capacity"/> entries behind, the entry is dropped and counted.
    /// </summary>
    public void Append(int priority, string message)
    {
        var document = _machine.Document;
        var boot = document.CurrentBoot;
        var now = _time.GetUtcNow();
        var entry = new PendingEntry(
            boot.Id,
            (now - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond,
            Math.Max(0, (now - boot.Started).Ticks / TimeSpan.TicksPerMicrosecond),
            priority,
            message,
            document.Hostname,
            document.MachineId);
        if (!_channel.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Completes once every entry appended before the call is in its file.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var request = new FlushRequest(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await _channel.Writer.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return;
        }

        await request.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _channel.Writer.TryComplete();
        _writer.Wait(StopWait);
    }

    internal string PathOfBoot(string bootId) => Path.Combine(Directory, bootId + FileSuffix);

    // TODO(perf): one very long boot is not capped; journald would rotate and vacuum within it too.
    private void DeleteOldBoots(string keepBootId)
    {
        var boots = ListBoots().Where(b => b.Id != keepBootId).ToList();
        foreach (var (_, path) in boots.Take(Math.Max(0, boots.Count + 1 - _maxBoots)))
        {
            File.Delete(path);
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _channel.Reader;
        var file = new BootFile(this);
        long sequence = 0;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    if (item is FlushRequest flush)
                    {
                        file.Flush();
                        flush.Done.TrySetResult();
                        continue;
                    }

                    var entry = (PendingEntry)item;
                    var dropped = Interlocked.Exchange(ref _dropped, 0);
                    if (dropped > 0)
                    {
                        var stamp = _time.GetLocalNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                        var notice = entry with
                        {
                            Priority = 4,
                            Message = $"{stamp} WARN Suppressed log messages count={dropped}",
                        };
                        file.Write(notice.BootId, Serialize(notice, ++sequence));
                    }

                    file.Write(entry.BootId, Serialize(entry, ++sequence));
                }

                file.Flush();
            }
        }
        finally
        {
            file.Dispose();
        }
    }

    private string Serialize(PendingEntry entry, long sequence)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["MESSAGE"] = entry.Message,
            ["PRIORITY"] = entry.Priority.ToString(CultureInfo.InvariantCulture),
            ["SYSLOG_FACILITY"] = "3",
            ["SYSLOG_IDENTIFIER"] = Identifier,
            ["_BOOT_ID"] = entry.BootId,
            ["_COMM"] = Identifier,
            ["_GID"] = "0",
            ["_HOSTNAME"] = entry.Hostname,
            ["_MACHINE_ID"] = entry.MachineId,
            ["_PID"] = _pid,
            ["_SYSTEMD_CGROUP"] = "/system.slice/" + Unit,
            ["_SYSTEMD_SLICE"] = "system.slice",
            ["_SYSTEMD_UNIT"] = Unit,
            ["_TRANSPORT"] = "stdout",
            ["_UID"] = "0",
            ["__MONOTONIC_TIMESTAMP"] = entry.Monotonic.ToString(CultureInfo.InvariantCulture),
            ["__REALTIME_TIMESTAMP"] = entry.Realtime.ToString(CultureInfo.InvariantCulture),
        };
        fields["__CURSOR"] = string.Create(
            CultureInfo.InvariantCulture,
            $"s={_seqnumId};i={sequence:x};b={entry.BootId};m={entry.Monotonic:x};t={entry.Realtime:x};"
            + $"x={Hash(fields):x16}");

        var text = new StringBuilder(512);
        text.Append('{');
        foreach (var (key, value) in fields)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }

            JournalJson.WriteString(text, key);
            text.Append(':');
            JournalJson.WriteString(text, value);
        }

        return text.Append('}').ToString();
    }

    // FNV-1a over the entry's fields: a stand-in for journald's per-entry xor hash in the cursor.
    private static ulong Hash(SortedDictionary<string, string> fields)
    {
        var hash = 14695981039346656037UL;
        foreach (var (key, value) in fields)
        {
            foreach (var b in Encoding.UTF8.GetBytes(key + "=" + value))
            {
                hash = (hash ^ b) * 1099511628211UL;
            }
        }

        return hash;
    }

    private sealed record PendingEntry(
        string BootId,
        long Realtime,
        long Monotonic,
        int Priority,
        string Message,
        string Hostname,
        string MachineId);

    private sealed record FlushRequest(TaskCompletionSource Done);
}
