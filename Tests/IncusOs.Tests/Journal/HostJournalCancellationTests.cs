using IncusOs.Providers.Journal;
using IncusOs.Providers.Process;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncusOs.Tests.Journal;

/// <summary>A request that goes away kills journalctl rather than letting it run to the end.</summary>
public sealed class HostJournalCancellationTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly string _directory = Directory.CreateTempSubdirectory("journal-cancel-").FullName;

    [Fact]
    public async Task QueryAsync_Cancelled_JournalctlKilled()
    {
        var pidFile = Path.Combine(_directory, "pid");
        var script = Path.Combine(_directory, "journalctl");
        File.WriteAllText(
            script, $"#!/bin/sh\necho $$ > '{pidFile}'\necho '{{\"MESSAGE\":\"first\"}}'\nexec sleep 60\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var runner = new RedirectingRunner(
            new ProcessRunner(NullLogger<ProcessRunner>.Instance), JournalQuery.Command, script);
        var journal = new HostJournal(runner, _directory);
        using var request = new CancellationTokenSource();

        var query = journal.QueryAsync(JournalQuery.CurrentBoot, request.Token);
        var pid = await ReadPidAsync(pidFile);
        await request.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query.WaitAsync(Wait));
        using var gone = new CancellationTokenSource(Wait);
        while (Directory.Exists($"/proc/{pid}") && !IsZombie(pid))
        {
            await Task.Delay(20, gone.Token);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<int> ReadPidAsync(string pidFile)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            {
                return pid;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
