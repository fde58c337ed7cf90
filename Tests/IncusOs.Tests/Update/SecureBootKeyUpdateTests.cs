using System.Formats.Tar;
using System.IO.Compression;
using Akka.Event;
using IncusOs.Actors.Update;
using IncusOs.Providers.Simulation;
using IncusOs.Providers.Update;

namespace IncusOs.Tests.Update;

/// <summary>
/// Secure Boot key updates on the simulated machine (spec update.md §7): one EFI variable append per boot,
/// skipped while a reboot is pending, the version recorded once every entry is in, the archive then removed.
/// </summary>
public sealed class SecureBootKeyUpdateTests : IDisposable
{
    private const string Version = "202601010000";

    private readonly string _directory = Directory.CreateTempSubdirectory("incus-osd-sb-").FullName;
    private readonly SimulatedUpdateTarget _target;
    private readonly LocalSource _source;

    public SecureBootKeyUpdateTests()
    {
        _target = new SimulatedUpdateTarget(SimulatedMachine.OpenOrCreate(Path.Combine(_directory, "state")));
        var updates = Path.Combine(_directory, "updates");
        Directory.CreateDirectory(updates);
        File.WriteAllText(Path.Combine(updates, "RELEASE"), Version);
        WriteArchive(Path.Combine(updates, $"IncusOS_SecureBootKeys_{Version}.tar.gz"), ["KEK_aa.auth", "db_bb.auth"]);
        _source = new LocalSource(updates, "IncusOS");
    }

    [Fact]
    public async Task Run_KeyArchive_OneAppendPerBootThenRecorded()
    {
        var first = await RunAsync(new UpdateActorState());
        var pending = await RunAsync(first.ApplyTo(new UpdateActorState()));
        var second = await RunAsync(first.ApplyTo(new UpdateActorState()) with { NeedsReboot = false });
        var last = await RunAsync(second.ApplyTo(new UpdateActorState()) with { NeedsReboot = false });
        var archive = Path.Combine(_target.SecureBootArchiveDirectory, $"IncusOS_SecureBootKeys_{Version}.tar.gz");

        Assert.True(first.NeedsReboot);
        Assert.Equal(new SecureBootKeyState { Version = string.Empty, FullyApplied = false }, first.SecureBoot);
        Assert.Equal(first.SecureBoot, pending.SecureBoot);
        Assert.True(second.NeedsReboot);
        Assert.False(last.NeedsReboot);
        Assert.Equal(new SecureBootKeyState { Version = Version, FullyApplied = true }, last.SecureBoot);
        Assert.Equal(UpdateStatus.Completed, last.Status);
        Assert.False(File.Exists(archive));
    }

    [Fact]
    public async Task Run_InstalledKeysNewerThanOffered_Refused()
    {
        var state = new UpdateActorState { SecureBoot = new SecureBootKeyState { Version = "202701010000" } };

        var outcome = await RunAsync(state);

        Assert.Equal(UpdateStatus.SecureBootFailed, outcome.Status);
        Assert.False(outcome.NeedsReboot);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<UpdatePassOutcome> RunAsync(UpdateActorState state) =>
        UpdatePass.RunAsync(
            _source,
            _target,
            new UpdateDownloader(TimeSpan.FromSeconds(5)),
            NoLogger.Instance,
            new UpdatePassInput(UpdateCheckKind.Periodic, DateTime.UtcNow, state),
            CancellationToken.None);

    private static void WriteArchive(string path, string[] entries)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip);
        foreach (var name in entries)
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream([1, 2, 3]) };
            tar.WriteEntry(entry);
        }
    }
}
