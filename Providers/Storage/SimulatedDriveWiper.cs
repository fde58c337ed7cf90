using System.Diagnostics;
using System.Runtime.InteropServices;
using IncusOs.Providers.Process;

namespace IncusOs.Providers.Storage;

/// <summary>
/// Discards a simulated drive for real: its backing file is emptied (holes punched, zeros written
/// where the file system cannot punch) in chunks, paced to the drive's <c>wipe_bytes_per_second</c>,
/// so a large drive takes real time. A drive marked <c>failing</c> fails as a dead disk does.
/// </summary>
public sealed class SimulatedDriveWiper : IDriveWiper
{
    private const int Chunk = 64 << 20;
    private const int PunchHole = 0x02;
    private const int KeepSize = 0x01;

    private readonly SimulatedStorage _storage;

    public SimulatedDriveWiper(SimulatedStorage storage)
    {
        _storage = storage;
    }

    public async Task WipeAsync(string device, CancellationToken cancellationToken)
    {
        var commandLine = $"blkdiscard -f {device}";
        var found = _storage.Find(device)
            ?? throw new CommandFailedException(
                commandLine, 1, $"blkdiscard: cannot open {device}: No such file or directory");
        if (found.Drive.Failing)
        {
            throw new CommandFailedException(
                commandLine, 1, $"blkdiscard: {device}: BLKDISCARD ioctl failed: Input/output error");
        }

        if (found.Partition != 0)
        {
            throw new CommandFailedException(
                commandLine, 1, $"blkdiscard: {device}: partitions of simulated drives cannot be discarded");
        }

        var rate = found.Drive.WipeBytesPerSecond;
        await using var stream = new FileStream(
            _storage.BackingFile(found.Drive), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        var length = stream.Length;
        var clock = Stopwatch.StartNew();
        for (long offset = 0; offset < length; offset += Chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(Chunk, length - offset);
            await DiscardAsync(stream, offset, count, cancellationToken).ConfigureAwait(false);
            if (rate > 0)
            {
                var due = TimeSpan.FromSeconds((double)(offset + count) / rate) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        stream.Flush(flushToDisk: true);
    }

    private static async Task DiscardAsync(FileStream stream, long offset, long count, CancellationToken token)
    {
        if (fallocate(stream.SafeFileHandle.DangerousGetHandle().ToInt32(), PunchHole | KeepSize, offset, count) == 0)
        {
            return;
        }

        var zeros = new byte[1 << 20];
        stream.Position = offset;
        for (long done = 0; done < count; done += zeros.Length)
        {
            await stream.WriteAsync(zeros.AsMemory(0, (int)Math.Min(zeros.Length, count - done)), token)
                .ConfigureAwait(false);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int fallocate(int fd, int mode, long offset, long length);
}
