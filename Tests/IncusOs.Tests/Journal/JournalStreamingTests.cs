using IncusOs.Providers.Journal;

namespace IncusOs.Tests.Journal;

/// <summary>
/// The host journal never holds the whole output: entries reach the spool while journalctl is still
/// printing, and the array leaves the spool in bounded chunks.
/// </summary>
public sealed class JournalStreamingTests
{
    private const int Lines = 20_000;

    [Fact]
    public async Task QueryAsync_ManyEntries_SpoolKeepsUpWithOutput()
    {
        var spool = new CountingStream();
        var lagWorst = 0L;
        var runner = new LineSourceRunner(Lines)
        {
            BeforeLine = (_, produced) => lagWorst = Math.Max(lagWorst, produced - spool.BytesWritten),
        };
        var journal = new HostJournal(runner, () => new JournalSpool(spool));

        using var entries = await journal.QueryAsync(JournalQuery.CurrentBoot, CancellationToken.None);

        var total = Enumerable.Range(0, Lines).Sum(i => (long)LineSource(i).Length + 1);
        Assert.Equal(Lines, entries.Count);
        Assert.True(spool.BytesWritten >= total - Lines, $"spooled {spool.BytesWritten} of {total}");
        Assert.True(lagWorst <= 2 * JournalEntries.ChunkSize, $"up to {lagWorst} bytes were held before the spool");
    }

    [Fact]
    public async Task WriteArrayAsync_ManyEntries_BoundedChunksAndWholeArray()
    {
        var journal = new HostJournal(new LineSourceRunner(Lines), () => new JournalSpool(new MemoryStream()));
        using var entries = await journal.QueryAsync(JournalQuery.CurrentBoot, CancellationToken.None);
        var destination = new CountingStream();

        await entries.WriteArrayAsync(destination, CancellationToken.None);

        Assert.True(destination.LargestWrite <= JournalEntries.ChunkSize, $"a write of {destination.LargestWrite}");
        Assert.True(destination.Writes > destination.BytesWritten / JournalEntries.ChunkSize);
        var array = Newtonsoft.Json.Linq.JArray.Parse(System.Text.Encoding.UTF8.GetString(destination.ToArray()));
        Assert.Equal(Lines, array.Count);
        Assert.Equal("entry 19999 with some padding to look like a real one", (string?)array[^1]!["MESSAGE"]);
    }

    [Fact]
    public async Task QueryAsync_NoEntries_EmptyArray()
    {
        var journal = new HostJournal(new LineSourceRunner(0), () => new JournalSpool(new MemoryStream()));
        using var entries = await journal.QueryAsync(JournalQuery.CurrentBoot, CancellationToken.None);
        var destination = new MemoryStream();

        await entries.WriteArrayAsync(destination, CancellationToken.None);

        Assert.Equal("[]", System.Text.Encoding.UTF8.GetString(destination.ToArray()));
    }

    [Fact]
    public void CreateTemporary_Spool_LeavesNoFileBehind()
    {
        var directory = Path.Combine(Path.GetTempPath(), "journal-spool-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var spool = JournalSpool.CreateTemporary(directory);

            Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string LineSource(int i) => JournalJson.Normalise(LineSourceRunner.Line(i));
}
