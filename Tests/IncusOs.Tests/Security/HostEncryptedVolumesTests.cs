using IncusOs.Providers;
using IncusOs.Providers.Security;

namespace IncusOs.Tests.Security;

public sealed class HostEncryptedVolumesTests : IDisposable
{
    private readonly LuksFiles _luks = new();
    private readonly RecordingProcessRunner _runner = new();

    [Fact]
    public async Task EnrollRecoveryKey_RealHeader_PrintsModhexKeyThatOpensTheVolume()
    {
        var volumes = new HostEncryptedVolumes(_runner, _luks.Options());

        var key = await volumes.EnrollRecoveryKeyAsync(_luks.Root, CancellationToken.None);

        Assert.Matches("^[cbdefghijklnrtuv]{8}(-[cbdefghijklnrtuv]{8}){7}$", key);
        Assert.True(LuksFiles.Opens(_luks.Root, key));
        Assert.False(LuksFiles.Opens(_luks.Swap, key));
        var slots = await volumes.ListSlotsAsync(_luks.Root, CancellationToken.None);
        Assert.Equal([new LuksSlot(0, LuksSlot.Authority), new LuksSlot(1, LuksSlot.Recovery)], slots);
        Assert.DoesNotContain(_runner.CommandLines, c => c.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EnrollPassphrase_RawBytesWithNewline_OpensOnlyWithTheExactBytes()
    {
        var volumes = new HostEncryptedVolumes(_runner, _luks.Options());
        const string passphrase = "my \"secret\" phrase\n";

        await volumes.EnrollPassphraseAsync(_luks.Swap, passphrase, CancellationToken.None);

        Assert.True(LuksFiles.Opens(_luks.Swap, passphrase));
        Assert.False(LuksFiles.Opens(_luks.Swap, passphrase.TrimEnd()));
        var keyslots = LuksFiles.Metadata(_luks.Swap)["keyslots"]!;
        Assert.Equal("pbkdf2", keyslots["1"]!["kdf"]!.Value<string>("type"));
        Assert.DoesNotContain(_runner.CommandLines, c => c.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WipeSlots_OneOfTwoPassphrases_OnlyThatSlotIsGone()
    {
        var volumes = new HostEncryptedVolumes(_runner, _luks.Options());
        await volumes.EnrollPassphraseAsync(_luks.Root, "first", CancellationToken.None);
        await volumes.EnrollPassphraseAsync(_luks.Root, "second", CancellationToken.None);

        await volumes.WipeSlotsAsync(_luks.Root, [1], CancellationToken.None);

        Assert.False(LuksFiles.Opens(_luks.Root, "first"));
        Assert.True(LuksFiles.Opens(_luks.Root, "second"));
        var slots = await volumes.ListSlotsAsync(_luks.Root, CancellationToken.None);
        Assert.Equal([0, 2], slots.Select(s => s.Index));
        var keyslots = LuksFiles.Metadata(_luks.Root)["keyslots"]!.Children<Newtonsoft.Json.Linq.JProperty>();
        Assert.Equal(["0", "2"], keyslots.Select(p => p.Name));
    }

    [Fact]
    public async Task ResealTpm_Swtpm_ReplacesTheTpm2SlotWithOneBoundToPcr7()
    {
        using var tpm = new Swtpm();
        var volumes = new HostEncryptedVolumes(_runner, _luks.Options(tpm.Device));
        await volumes.EnrollPassphraseAsync(_luks.Root, "recovery words", CancellationToken.None);
        tpm.ExtendPcr7(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("dbx"u8)));
        var pcr7 = tpm.ReadPcr7();

        await volumes.ResealTpmAsync(_luks.Root, pcr7, "recovery words", CancellationToken.None);
        await volumes.ResealTpmAsync(_luks.Root, pcr7, "recovery words", CancellationToken.None);

        var tokens = LuksFiles.Metadata(_luks.Root)["tokens"]!.Children<Newtonsoft.Json.Linq.JProperty>()
            .Select(p => p.Value).ToList();
        var token = Assert.Single(tokens);
        Assert.Equal("systemd-tpm2", token.Value<string>("type"));
        Assert.Equal([7], token["tpm2-pcrs"]!.Values<int>());
        var slots = await volumes.ListSlotsAsync(_luks.Root, CancellationToken.None);
        Assert.Single(slots, s => s.Type == LuksSlot.Tpm2);
        Assert.DoesNotContain(_runner.CommandLines, c => c.Contains("recovery words", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResealTpm_WrongPassphrase_FailsWithTheCommandError()
    {
        using var tpm = new Swtpm();
        var volumes = new HostEncryptedVolumes(_runner, _luks.Options(tpm.Device));

        var error = await Assert.ThrowsAsync<Providers.Process.CommandFailedException>(
            () => volumes.ResealTpmAsync(_luks.Root, tpm.ReadPcr7(), "not enrolled", CancellationToken.None));

        Assert.StartsWith("Failed to run: systemd-cryptenroll --tpm2-device=", error.Message);
        Assert.DoesNotContain("not enrolled", error.Message);
    }

    [Fact]
    public async Task Discover_SwapLabelOnPartitionNine_RootIsPartitionTen()
    {
        var labels = Directory.CreateDirectory(Path.Combine(_luks.Directory, "by-partlabel")).FullName;
        File.CreateSymbolicLink(Path.Combine(labels, "swap"), "../../sda9");
        var volumes = new HostEncryptedVolumes(_runner, new LuksOptions { PartitionLabels = labels });

        var found = await volumes.DiscoverAsync(CancellationToken.None);

        var parent = Path.GetDirectoryName(_luks.Directory)!;
        Assert.Equal(
            [
                new LuksVolume("root", Path.Combine(parent, "sda10")),
                new LuksVolume("swap", Path.Combine(parent, "sda9")),
            ],
            found);
    }

    [Fact]
    public async Task Discover_SwapLabelOnOtherPartition_IsRefused()
    {
        var labels = Directory.CreateDirectory(Path.Combine(_luks.Directory, "by-partlabel")).FullName;
        File.CreateSymbolicLink(Path.Combine(labels, "swap"), "/dev/sda3");
        var volumes = new HostEncryptedVolumes(_runner, new LuksOptions { PartitionLabels = labels });

        var error = await Assert.ThrowsAsync<ProviderException>(() => volumes.DiscoverAsync(CancellationToken.None));

        Assert.Equal("unexpected swap device: '/dev/sda3'", error.Message);
    }

    [Fact]
    public async Task Discover_NoSwapLabel_GoStyleReadlinkError()
    {
        var labels = Directory.CreateDirectory(Path.Combine(_luks.Directory, "by-partlabel")).FullName;
        var volumes = new HostEncryptedVolumes(_runner, new LuksOptions { PartitionLabels = labels });

        var error = await Assert.ThrowsAsync<ProviderException>(() => volumes.DiscoverAsync(CancellationToken.None));

        Assert.Equal($"readlink {labels}/swap: no such file or directory", error.Message);
    }

    [Fact]
    public async Task IsActive_NoDeviceMapperHere_IsLocked()
    {
        var volumes = new HostEncryptedVolumes(_runner, _luks.Options());

        var active = await volumes.IsActiveAsync(_luks.Root, CancellationToken.None);

        Assert.False(active);
        Assert.Contains("dmsetup info root", _runner.CommandLines);
    }

    public void Dispose() => _luks.Dispose();
}
