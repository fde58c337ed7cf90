using IncusOs.Providers;
using IncusOs.Providers.Update;

namespace IncusOs.Tests.Update;

/// <summary>The <c>images</c> source against a real HTTPS server with a signed index (spec update.md §5.2).</summary>
public sealed class ImagesSourceTests : IAsyncLifetime
{
    private UpdateTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await UpdateTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task GetRelease_SignedIndex_ListsFilesWithReferenceUrls()
    {
        var source = _bed.CreateSource();

        var release = await source.GetReleaseAsync(CancellationToken.None);

        Assert.NotNull(release);
        Assert.Equal(UpdateTestBed.NewVersion, release.Version);
        var efi = Assert.Single(release.Assets, a => a.Name == $"IncusOS_{UpdateTestBed.NewVersion}.efi.gz");
        Assert.Equal($"{_bed.Server.ServerUrl}//{UpdateTestBed.NewVersion}/x86_64/{efi.Name}", efi.Location);
        Assert.True(efi.Compressed);
        Assert.Equal(64, efi.Sha256!.Length);
        Assert.Equal(2, release.OsAssets("IncusOS").Count);
    }

    [Fact]
    public async Task GetRelease_SignedByAnotherCa_Refused()
    {
        _bed.Server.Fault = UpdateServerFault.WrongSignature;
        var source = _bed.CreateSource();

        var error = await Assert.ThrowsAnyAsync<ProviderException>(
            () => source.GetReleaseAsync(CancellationToken.None));

        Assert.StartsWith("Failed to run: openssl smime -verify -text -CAfile ", error.Message);
    }

    [Fact]
    public async Task GetRelease_NoCaConfigured_Refused()
    {
        var source = _bed.CreateSource(caPem: string.Empty);

        var error = await Assert.ThrowsAsync<ProviderException>(() => source.GetReleaseAsync(CancellationToken.None));

        Assert.Contains("no update CA configured", error.Message);
    }

    [Fact]
    public async Task GetRelease_ServerError_NotRetried()
    {
        _bed.Server.Fault = UpdateServerFault.ServerError;
        var source = _bed.CreateSource();

        var error = await Assert.ThrowsAsync<ProviderException>(() => source.GetReleaseAsync(CancellationToken.None));

        Assert.Equal("server failed to return expected file", error.Message);
    }

    [Fact]
    public async Task GetRelease_ConnectionResetTwice_RetriedUntilAnswered()
    {
        _bed.Server.Fault = UpdateServerFault.IndexResetTwice;
        var source = _bed.CreateSource();

        var release = await source.GetReleaseAsync(CancellationToken.None);

        Assert.NotNull(release);
        Assert.Equal(3, _bed.Server.IndexRequests);
    }

    [Fact]
    public async Task GetRelease_WithinAnHour_AnsweredFromCache()
    {
        var source = _bed.CreateSource();
        await source.GetReleaseAsync(CancellationToken.None);

        _bed.Time.Advance(TimeSpan.FromMinutes(59));
        await source.GetReleaseAsync(CancellationToken.None);
        var afterCache = _bed.Server.IndexRequests;
        _bed.Time.Advance(TimeSpan.FromMinutes(2));
        await source.GetReleaseAsync(CancellationToken.None);
        var afterExpiry = _bed.Server.IndexRequests;
        source.ClearCache();
        await source.GetReleaseAsync(CancellationToken.None);

        Assert.Equal(1, afterCache);
        Assert.Equal(2, afterExpiry);
        Assert.Equal(3, _bed.Server.IndexRequests);
    }

    [Fact]
    public async Task GetRelease_OtherChannel_NoUpdate()
    {
        var stable = _bed.CreateSource(channel: "stable");
        var testing = _bed.CreateSource(channel: "testing");

        Assert.NotNull(await stable.GetReleaseAsync(CancellationToken.None));
        Assert.Null(await testing.GetReleaseAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetSecureBootKeyUpdate_NotPublished_None()
    {
        var source = _bed.CreateSource();

        Assert.Null(await source.GetSecureBootKeyUpdateAsync(CancellationToken.None));
    }
}
