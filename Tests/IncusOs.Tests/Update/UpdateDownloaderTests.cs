using System.Security.Cryptography;
using IncusOs.Providers;
using IncusOs.Providers.Update;

namespace IncusOs.Tests.Update;

/// <summary>Streaming download, gunzip and verification against the published sha256 and size.</summary>
public sealed class UpdateDownloaderTests : IAsyncLifetime
{
    private const string Efi = "error downloading IncusOS_202601010000.efi.gz";

    private UpdateTestBed _bed = null!;
    private string _target = null!;

    public async Task InitializeAsync()
    {
        _bed = await UpdateTestBed.StartAsync();
        _target = Path.Combine(_bed.Directory, "downloads");
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Download_GzipAsset_StoredDecompressedWithoutSuffix()
    {
        var (source, asset) = await EfiAsync();

        var path = await _bed.Downloader.DownloadAsync(source, asset, _target, CancellationToken.None);

        Assert.Equal(Path.Combine(_target, $"IncusOS_{UpdateTestBed.NewVersion}.efi"), path);
        Assert.Equal(_bed.Files[$"IncusOS_{UpdateTestBed.NewVersion}.efi"], await File.ReadAllBytesAsync(path));
        Assert.Single(Directory.GetFileSystemEntries(_target));
    }

    [Theory]
    [InlineData(UpdateServerFault.WrongSha256, "sha256 mismatch for file IncusOS_202601010000.efi.gz")]
    [InlineData(UpdateServerFault.AssetTruncated, "size mismatch for file IncusOS_202601010000.efi.gz")]
    [InlineData(UpdateServerFault.AssetReset, "error downloading IncusOS_202601010000.efi.gz")]
    [InlineData(UpdateServerFault.AssetServerError, Efi + ": server answered 500")]
    [InlineData(UpdateServerFault.AssetStall, Efi + ": no data received for 0.5s")]
    public async Task Download_Fault_RefusedAndNothingLeft(UpdateServerFault fault, string message)
    {
        _bed.Server.Fault = fault;
        var (source, asset) = await EfiAsync();

        var error = await Assert.ThrowsAnyAsync<ProviderException>(
            () => _bed.Downloader.DownloadAsync(source, asset, _target, CancellationToken.None));

        Assert.StartsWith(message, error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_target));
    }

    [Fact]
    public async Task RemovePartials_LeftoversOfAnInterruptedRun_Removed()
    {
        Directory.CreateDirectory(_target);
        await File.WriteAllTextAsync(Path.Combine(_target, ".x.raw" + UpdateDownloader.PartialSuffix), "half");
        await File.WriteAllTextAsync(Path.Combine(_target, "kept.raw"), "whole");

        var removed = UpdateDownloader.RemovePartials(_target);

        Assert.Equal(1, removed);
        Assert.Equal(["kept.raw"], Directory.GetFiles(_target).Select(Path.GetFileName));
    }

    [Fact]
    public async Task LocalSource_ChecksumFileDisagrees_Refused()
    {
        var directory = Path.Combine(_bed.Directory, "local");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "RELEASE"), "202601010000\n");
        await File.WriteAllBytesAsync(Path.Combine(directory, "incus.raw"), RandomNumberGenerator.GetBytes(1000));
        await File.WriteAllTextAsync(Path.Combine(directory, "SHA256SUMS"), new string('a', 64) + "  incus.raw\n");
        var source = new LocalSource(directory, "IncusOS");
        var release = await source.GetReleaseAsync(CancellationToken.None);

        var asset = release!.ApplicationAsset("incus")!;
        var error = await Assert.ThrowsAsync<ProviderException>(
            () => _bed.Downloader.DownloadAsync(source, asset, _target, CancellationToken.None));

        Assert.Equal("sha256 mismatch for file incus.raw", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_target));
    }

    private async Task<(IUpdateSource Source, UpdateAsset Asset)> EfiAsync()
    {
        var fault = _bed.Server.Fault;
        _bed.Server.Fault = fault == UpdateServerFault.WrongSha256 ? fault : UpdateServerFault.None;
        var source = _bed.CreateSource();
        var release = await source.GetReleaseAsync(CancellationToken.None);
        _bed.Server.Fault = fault;

        return (source, release!.Assets.Single(a => a.Name.EndsWith(".efi.gz", StringComparison.Ordinal)));
    }
}
