using IncusOs.Actors.Update;

namespace IncusOs.Tests.Update;

/// <summary>
/// Whole passes (spec update.md §4.2) against the HTTPS server and the simulated machine: a release is
/// verified, staged and installed; every fault refuses it with a clear status, stages nothing, and the next
/// check after the fault is gone succeeds.
/// </summary>
public sealed class UpdatePassTests : IAsyncLifetime
{
    private UpdateTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await UpdateTestBed.StartAsync(withApplication: true);

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Run_NewRelease_ApplicationAndOsInstalled()
    {
        var outcome = await _bed.RunPassAsync(_bed.CreateSource(), UpdateCheckKind.User, new UpdateActorState());

        Assert.Equal($"IncusOS has been updated to version {UpdateTestBed.NewVersion}", outcome.Status);
        Assert.True(outcome.NeedsReboot);
        Assert.Equal(UpdateTestBed.NewVersion, outcome.NextRelease);
        Assert.Equal(UpdateTestBed.NewVersion, _bed.Machine.Document.Os.NextVersion);
        Assert.Equal(UpdateTestBed.NewVersion, outcome.Applications["incus"]);
        Assert.Equal(["incus"], outcome.InstalledApplications);
        var staged = Directory.GetFiles(_bed.Target.UpdatesDirectory).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(
            [
                $"IncusOS_{UpdateTestBed.NewVersion}.efi",
                $"IncusOS_{UpdateTestBed.NewVersion}.usr-x86-64.8a2f5c1e-1111-2222-3333-444455556666.raw",
            ],
            staged);
        var incus = Path.Combine(_bed.Target.ExtensionsDirectory, "incus.raw");
        Assert.Equal(_bed.Files["incus.raw"], await File.ReadAllBytesAsync(incus));
    }

    [Fact]
    public async Task Run_AlreadyStaged_NothingDownloaded()
    {
        var first = await _bed.RunPassAsync(_bed.CreateSource(), UpdateCheckKind.User, new UpdateActorState());
        var requests = _bed.Server.AssetRequests;

        var second = await _bed.RunPassAsync(
            _bed.CreateSource(), UpdateCheckKind.User, first.ApplyTo(new UpdateActorState()));

        Assert.Equal(UpdateStatus.Completed, second.Status);
        Assert.Equal(requests, _bed.Server.AssetRequests);
    }

    [Theory]
    [InlineData(UpdateServerFault.ServerError)]
    [InlineData(UpdateServerFault.WrongSignature)]
    [InlineData(UpdateServerFault.WrongSha256)]
    [InlineData(UpdateServerFault.AssetServerError)]
    [InlineData(UpdateServerFault.AssetReset)]
    [InlineData(UpdateServerFault.AssetTruncated)]
    [InlineData(UpdateServerFault.AssetStall)]
    public async Task Run_Fault_RefusedNothingStagedNextCheckClean(UpdateServerFault fault)
    {
        _bed.Server.Fault = fault;
        var source = _bed.CreateSource();

        var failed = await _bed.RunPassAsync(source, UpdateCheckKind.User, new UpdateActorState());
        var stagedAfterFault = Directory.Exists(_bed.Target.UpdatesDirectory);
        var leftovers = Directory.GetFileSystemEntries(Path.GetDirectoryName(_bed.Target.UpdatesDirectory)!)
            .Where(p => p.EndsWith(".partial", StringComparison.Ordinal)).ToList();
        _bed.Server.Fault = UpdateServerFault.None;
        var next = await _bed.RunPassAsync(source, UpdateCheckKind.User, failed.ApplyTo(new UpdateActorState()));

        Assert.Equal(UpdateStatus.OsFailed, failed.Status);
        Assert.False(failed.NeedsReboot);
        Assert.Equal(string.Empty, failed.NextRelease);
        Assert.False(stagedAfterFault);
        Assert.Empty(leftovers);
        Assert.Null(failed.InstalledOsVersion);
        Assert.Equal($"IncusOS has been updated to version {UpdateTestBed.NewVersion}", next.Status);
        Assert.Equal(UpdateTestBed.NewVersion, _bed.Machine.Document.Os.NextVersion);
    }

    [Fact]
    public async Task Run_PeriodicOutsideWindow_Skipped()
    {
        var state = new UpdateActorState
        {
            Config = new SystemUpdateConfig
            {
                MaintenanceWindows = [new SystemUpdateMaintenanceWindow { StartHour = 1, EndHour = 2 }],
            },
        };

        var outcome = await _bed.RunPassAsync(_bed.CreateSource(), UpdateCheckKind.Periodic, state);

        Assert.Equal(UpdateStatus.OutsideWindow, outcome.Status);
        Assert.Equal(0, _bed.Server.IndexRequests);
    }

    [Fact]
    public async Task Run_RunningNewerThanOffered_Refused()
    {
        _bed.Machine.Update(d => d with { Os = d.Os with { Version = "202701010000" } });

        var outcome = await _bed.RunPassAsync(_bed.CreateSource(), UpdateCheckKind.User, new UpdateActorState());

        Assert.Equal(UpdateStatus.OsFailed, outcome.Status);
        Assert.Null(_bed.Machine.Document.Os.NextVersion);
    }

    [Fact]
    public async Task Run_StagedReleaseFailedToBoot_SkippedAsProblematic()
    {
        var state = new UpdateActorState { NextRelease = UpdateTestBed.NewVersion };

        var outcome = await _bed.RunPassAsync(_bed.CreateSource(), UpdateCheckKind.User, state);

        Assert.Equal(UpdateStatus.Completed, outcome.Status);
        Assert.Null(outcome.InstalledOsVersion);
        Assert.False(Directory.Exists(_bed.Target.UpdatesDirectory));
    }
}
