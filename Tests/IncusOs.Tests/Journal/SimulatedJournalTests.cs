using IncusOs.Providers.Journal;
using IncusOs.Providers.Process;
using IncusOs.Providers.Simulation;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Journal;

/// <summary>
/// The simulated journal: entries per simulated boot, journalctl's <c>-b</c>/<c>-u</c>/<c>-n</c>
/// selection and failure texts, checked against the real journalctl on the same entries.
/// </summary>
public sealed class SimulatedJournalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("journal-sim-").FullName;
    private readonly SteppingTime _time = new();
    private readonly SimulatedMachine _machine;
    private readonly SimulatedJournal _journal;

    public SimulatedJournalTests()
    {
        _machine = SimulatedMachine.OpenOrCreate(_directory, _time);
        _journal = new SimulatedJournal(_machine, _time);
    }

    public static TheoryData<string?, string, string?> Selections => new()
    {
        { null, "0", null },
        { "incus-osd", "-1", null },
        { "incus-osd.service", "1", "2" },
        { null, "-2", "all" },
        { "incus*", "all", "3" },
        { "incus-osd", "0", "+2" },
        { null, "0", "0" },
        { "other", "0", null },
        { null, "PRIORITY=4", null },
        { null, "0", "PRIORITY=3" },
        { null, "0x1", " 2" },
    };

    public static TheoryData<string?, string, string?> Failures => new()
    {
        { null, "5", null },
        { null, "-3", null },
        { null, "abc", null },
        { null, "dddddddddddddddddddddddddddddddd", null },
        { null, "0", "-1" },
        { null, "0", "many" },
        { null, "0", "+" },
        { null, "--x", null },
        { "nomatch*", "0", null },
        { "nomatch*", "7", "x" },
    };

    [Fact]
    public async Task QueryAsync_AfterReboot_PreviousBootKeepsItsEntries()
    {
        _journal.Append(6, "first boot");
        var first = _machine.Document.CurrentBoot.Id;
        _machine.RecordBoot();
        _journal.Append(6, "second boot");

        var previous = await MessagesAsync(new JournalQuery("incus-osd", "-1", null));
        var current = await MessagesAsync(JournalQuery.CurrentBoot);
        var byId = await HostJournalTests.ReadAllAsync(_journal, new JournalQuery(null, first, null));

        Assert.Equal(["first boot"], previous);
        Assert.Equal(["second boot"], current);
        Assert.Equal(first, (string?)byId.Single()["_BOOT_ID"]);
    }

    [Fact]
    public async Task QueryAsync_Entry_JournalFieldsOfTheService()
    {
        _journal.Append(3, "2025-09-03 14:00:00 ERROR it broke");

        var entry = (await HostJournalTests.ReadAllAsync(_journal, JournalQuery.CurrentBoot)).Single();

        Assert.Equal("2025-09-03 14:00:00 ERROR it broke", (string?)entry["MESSAGE"]);
        Assert.Equal("3", (string?)entry["PRIORITY"]);
        Assert.Equal("incus-osd", (string?)entry["SYSLOG_IDENTIFIER"]);
        Assert.Equal("incus-osd.service", (string?)entry["_SYSTEMD_UNIT"]);
        Assert.Equal(_machine.Document.CurrentBoot.Id, (string?)entry["_BOOT_ID"]);
        Assert.Equal(_machine.Document.Hostname, (string?)entry["_HOSTNAME"]);
        Assert.Equal(Environment.ProcessId.ToString(), (string?)entry["_PID"]);
        Assert.Matches(
            "^s=[0-9a-f]{32};i=1;b=[0-9a-f]{32};m=[0-9a-f]+;t=[0-9a-f]+;x=[0-9a-f]{16}$", (string?)entry["__CURSOR"]);
        var realtime = long.Parse((string)entry["__REALTIME_TIMESTAMP"]!);
        Assert.InRange(realtime, 1756908000000000, 1756908001000000);
        Assert.True(long.Parse((string)entry["__MONOTONIC_TIMESTAMP"]!) > 0);
        var keys = ((JObject)entry).Properties().Select(p => p.Name).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public async Task Logger_Records_LifecycleLineFormatAndNoDebug()
    {
        using var provider = new SimulatedJournalLoggerProvider(_journal, _time);
        var logger = provider.CreateLogger("incus-osd");

        logger.LogInformation("System is ready release={Release}", "202509031200");
        logger.LogDebug("not for the journal");
        logger.LogWarning(new InvalidOperationException("disk gone"), "Failed starting service name={Name}", "iscsi");
        logger.LogInformation("two\nlines");

        var entries = await HostJournalTests.ReadAllAsync(_journal, JournalQuery.CurrentBoot);
        var messages = entries.Select(e => (string)e["MESSAGE"]!).ToList();
        Assert.Equal(4, messages.Count);
        Assert.Matches(@"^2025-09-03 14:00:00 INFO System is ready release=202509031200$", messages[0]);
        Assert.Matches(@"^2025-09-03 14:00:00 WARN Failed starting service name=iscsi err=disk gone$", messages[1]);
        Assert.Matches(@"^2025-09-03 14:00:00 INFO two$", messages[2]);
        Assert.Equal("lines", messages[3]);
        Assert.Equal(["6", "4", "6", "6"], entries.Select(e => (string)e["PRIORITY"]!));
    }

    [Theory]
    [MemberData(nameof(Selections))]
    public async Task QueryAsync_Selection_SameMessagesAsJournalctl(string? unit, string boot, string? entries)
    {
        using var file = await ExportThreeBootsAsync();
        var query = new JournalQuery(unit, boot, entries);
        var (exitCode, lines, stderr) = file.Query(query.Arguments);
        Assert.True(exitCode == 0, stderr);

        var messages = await MessagesAsync(query);

        Assert.Equal(lines.Select(l => (string)JObject.Parse(l)["MESSAGE"]!), messages);
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task QueryAsync_BadValue_SameFailureAsJournalctl(string? unit, string boot, string? entries)
    {
        using var file = await ExportThreeBootsAsync();
        var query = new JournalQuery(unit, boot, entries);
        var (exitCode, _, stderr) = file.Query(query.Arguments);
        Assert.NotEqual(0, exitCode);

        var failure = await Assert.ThrowsAsync<CommandFailedException>(
            () => _journal.QueryAsync(query, CancellationToken.None));

        Assert.Equal(exitCode, failure.ExitCode);
        Assert.Equal(stderr, failure.Stderr);
        var commandLine = ProcessRunner.CommandLine("journalctl", query.Arguments);
        Assert.StartsWith($"Failed to run: {commandLine}: ", failure.Message);
    }

    [Fact]
    public async Task QueryAsync_CurrentBootSilent_EmptyNotAnError()
    {
        _journal.Append(6, "old boot");
        _machine.RecordBoot();

        var messages = await MessagesAsync(JournalQuery.CurrentBoot);

        Assert.Empty(messages);
    }

    [Fact]
    public async Task QueryAsync_DaemonRestarted_EntriesOfEarlierRunsKept()
    {
        _journal.Append(6, "before restart");
        _journal.Dispose();
        using var again = new SimulatedJournal(SimulatedMachine.OpenOrCreate(_directory, _time), _time);
        again.Append(6, "after restart");

        var entries = await HostJournalTests.ReadAllAsync(again, JournalQuery.CurrentBoot);

        Assert.Equal(["before restart", "after restart"], entries.Select(e => (string)e["MESSAGE"]!));
    }

    [Fact]
    public async Task QueryAsync_LineCutByCrash_SkippedAndLaterEntriesKept()
    {
        _journal.Append(6, "before crash");
        await _journal.FlushAsync(CancellationToken.None);
        _journal.Dispose();
        var path = Directory.EnumerateFiles(Path.Combine(_directory, "machine", SimulatedJournal.FolderName)).Single();
        File.AppendAllText(path, "{\"MESSAGE\":\"cut sh");
        using var again = new SimulatedJournal(SimulatedMachine.OpenOrCreate(_directory, _time), _time);
        again.Append(6, "after crash");

        var entries = await HostJournalTests.ReadAllAsync(again, JournalQuery.CurrentBoot);

        Assert.Equal(["before crash", "after crash"], entries.Select(e => (string)e["MESSAGE"]!));
    }

    [Fact]
    public async Task Append_MoreBootsThanKept_OldestBootsDeleted()
    {
        using var journal = new SimulatedJournal(_machine, _time, maxBoots: 2);
        var boots = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            boots.Add(_machine.Document.CurrentBoot.Id);
            journal.Append(6, $"boot {i}");
            await journal.FlushAsync(CancellationToken.None);
            _machine.RecordBoot();
        }

        var kept = journal.ListBoots().Select(b => b.Id);

        Assert.Equal(boots[2..], kept);
    }

    public void Dispose()
    {
        _journal.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<List<string>> MessagesAsync(JournalQuery query) =>
        (await HostJournalTests.ReadAllAsync(_journal, query)).Select(e => (string)e["MESSAGE"]!).ToList();

    // Three boots of entries in the simulated journal, and the same entries in a real journal file.
    private async Task<JournalFile> ExportThreeBootsAsync()
    {
        for (var boot = 0; boot < 3; boot++)
        {
            if (boot > 0)
            {
                _machine.RecordBoot();
            }

            for (var i = 0; i < 7; i++)
            {
                _journal.Append(i % 3 == 0 ? 4 : i % 3 == 1 ? 3 : 6, $"boot {boot} entry {i}");
            }
        }

        await _journal.FlushAsync(CancellationToken.None);
        var entries = _journal.ListBoots()
            .SelectMany(b => File.ReadLines(b.Path))
            .Select(line => (IReadOnlyList<KeyValuePair<string, object>>)JObject.Parse(line).Properties()
                .Where(p => p.Name != "__CURSOR")
                .Select(p => new KeyValuePair<string, object>(p.Name, (string)p.Value!))
                .ToList());

        return JournalFile.Create(entries);
    }
}
