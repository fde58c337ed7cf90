using IncusOs.Providers.Journal;
using IncusOs.Providers.Process;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Journal;

/// <summary>
/// <see cref="HostJournal"/> against a real journal file: its output must be what
/// <c>journalctl --file X -o json</c> prints for the same argv, entry for entry, with sorted keys.
/// </summary>
public sealed class HostJournalTests : IClassFixture<HostJournalTests.ThreeBootJournal>
{
    private readonly ThreeBootJournal _journal;

    public HostJournalTests(ThreeBootJournal journal)
    {
        _journal = journal;
    }

    public static TheoryData<string?, string, string?> Queries => new()
    {
        { null, "0", null },
        { "incus-osd", "0", null },
        { "incus-osd.service", "-1", "3" },
        { null, "-2", "5" },
        { "systemd-networkd", "1", null },
        { "incus.socket", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "2" },
        { "incus*", "all", null },
        { null, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa+1", "0" },
        { "nothing-logs-here", "0", null },
        { null, "0", "all" },
        { null, "0", "PRIORITY=3" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task QueryAsync_UnitBootEntries_SameEntriesAsJournalctl(string? unit, string boot, string? entries)
    {
        var query = new JournalQuery(unit, boot, entries);
        var (exitCode, lines, stderr) = _journal.File.Query(query.Arguments);
        Assert.True(exitCode == 0, stderr);
        var runner = _journal.Runner();

        var output = await ReadAllAsync(new HostJournal(runner, _journal.File.Directory), query);

        Assert.Equal<IReadOnlyList<string>>([JournalQuery.Command, .. query.Arguments], runner.Calls.Single());
        Assert.Equal(lines.Length, output.Count);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.True(JToken.DeepEquals(JObject.Parse(lines[i]), output[i]), $"entry {i}: {output[i]}");
            var keys = ((JObject)output[i]).Properties().Select(p => p.Name).ToList();
            Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        }
    }

    [Fact]
    public void Arguments_AllParameters_DebugMdOrder()
    {
        var query = new JournalQuery("incus.service", "-1", "50");

        var args = query.Arguments;

        Assert.Equal(["-o", "json", "-u", "incus.service", "-b", "-1", "-n", "50"], args);
        Assert.Equal(["-o", "json", "-b", "0"], JournalQuery.CurrentBoot.Arguments);
    }

    [Fact]
    public async Task QueryAsync_BinaryField_ArrayOfBytes()
    {
        var query = new JournalQuery("incus.socket", "1", null);

        var output = await ReadAllAsync(new HostJournal(_journal.Runner(), _journal.File.Directory), query);

        var binary = output.Single(e => e["MESSAGE"] is JArray);
        Assert.Equal("boot 0\nsecond line\u0001"u8.ToArray(), binary["MESSAGE"]!.Select(b => (byte)b).ToArray());
    }

    [Theory]
    [InlineData("5", null, null)]
    [InlineData("-7", null, null)]
    [InlineData("abc", null, null)]
    [InlineData("0", "-1", null)]
    [InlineData("0", "many", null)]
    [InlineData("0", null, "nomatch*")]
    public async Task QueryAsync_JournalctlFails_CommandErrorWithItsStderr(string boot, string? entries, string? unit)
    {
        var query = new JournalQuery(unit, boot, entries);
        var (exitCode, _, stderr) = _journal.File.Query(query.Arguments);
        Assert.NotEqual(0, exitCode);

        var failure = await Assert.ThrowsAsync<CommandFailedException>(
            () => new HostJournal(_journal.Runner(), _journal.File.Directory)
                .QueryAsync(query, CancellationToken.None));

        var commandLine = ProcessRunner.CommandLine("journalctl", query.Arguments);
        Assert.Equal($"Failed to run: {commandLine}: exit status {exitCode} ({stderr})", failure.Message);
    }

    internal static async Task<List<JToken>> ReadAllAsync(IJournal journal, JournalQuery query)
    {
        using var entries = await journal.QueryAsync(query, CancellationToken.None);
        var buffer = new MemoryStream();
        await entries.WriteArrayAsync(buffer, CancellationToken.None);
        var array = JArray.Parse(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        Assert.Equal(entries.Count, array.Count);

        return array.ToList();
    }

    /// <summary>The three-boot journal file, shared by the tests of this class.</summary>
    public sealed class ThreeBootJournal : IDisposable
    {
        private readonly string _wrapper;

        public ThreeBootJournal()
        {
            File = JournalFile.Create(JournalSamples.ThreeBoots());
            _wrapper = File.WriteWrapper();
        }

        public JournalFile File { get; }

        public RedirectingRunner Runner() =>
            new(new ProcessRunner(NullLogger<ProcessRunner>.Instance), JournalQuery.Command, _wrapper);

        public void Dispose() => File.Dispose();
    }
}
