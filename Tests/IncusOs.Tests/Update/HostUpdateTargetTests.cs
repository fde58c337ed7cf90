using System.Buffers.Binary;
using System.Text;
using IncusOs.Providers;
using IncusOs.Providers.Process;
using IncusOs.Providers.Update;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncusOs.Tests.Update;

/// <summary>
/// The host install path with recording executables standing in for <c>systemctl</c>, <c>unshare</c>,
/// <c>systemd-dissect</c> and <c>systemd-sysext</c> (systemd-sysupdate is not packaged on Debian 12).
/// </summary>
[Collection(HostToolsCollection.Name)]
public sealed class HostUpdateTargetTests : IDisposable
{
    private const string Version = "202601010000";

    private readonly RecordingTools _tools = new("systemctl", "unshare", "systemd-dissect", "systemd-sysext");
    private readonly string _directory = Directory.CreateTempSubdirectory("incus-osd-host-update-").FullName;
    private readonly HostUpdateTarget _target;

    public HostUpdateTargetTests()
    {
        var osRelease = Path.Combine(_directory, "os-release");
        File.WriteAllText(osRelease, "NAME=\"Incus OS\"\nIMAGE_ID=IncusOS\nIMAGE_VERSION=202512010000\n");
        _target = new HostUpdateTarget(new ProcessRunner(NullLogger<ProcessRunner>.Instance), osRelease)
        {
            UpdatesDirectory = Path.Combine(_directory, "updates"),
            PcrPublicKey = Path.Combine(_directory, "tpm2-pcr-public-key.pem"),
        };
        Directory.CreateDirectory(_target.UpdatesDirectory);
    }

    [Fact]
    public void Identity_OsRelease_ImageIdAndVersion()
    {
        Assert.Equal("IncusOS", _target.OsName);
        Assert.Equal("202512010000", _target.RunningRelease);
    }

    [Fact]
    public async Task InstallOs_StagedRelease_SysupdateRunInPrivateMountNamespace()
    {
        Stage(Uki(Encoding.ASCII.GetBytes("same key")));
        File.WriteAllText(_target.PcrPublicKey, "same key");

        await _target.InstallOsAsync(Version, CancellationToken.None);

        Assert.Equal(
            [
                ["systemctl", "start", "boot.mount"],
                ["unshare", "-m", "--", "sh", "-c",
                    $"mount /dev/mapper/usr /usr && /usr/lib/systemd/systemd-sysupdate update {Version}"],
            ],
            _tools.Calls);
    }

    [Fact]
    public async Task InstallOs_SysupdateFails_ErrorNamesTheCommand()
    {
        Stage(Uki([]));
        _tools.FailWith("unshare", 1);

        var error = await Assert.ThrowsAsync<CommandFailedException>(
            () => _target.InstallOsAsync(Version, CancellationToken.None));

        Assert.Equal(
            $"Failed to run: unshare -m -- sh -c mount /dev/mapper/usr /usr && /usr/lib/systemd/systemd-sysupdate " +
            $"update {Version}: exit status 1 (unshare failed on purpose)",
            error.Message);
    }

    [Fact]
    public async Task InstallOs_RotatedSigningKey_RefusedBeforeSysupdate()
    {
        Stage(Uki(Encoding.ASCII.GetBytes("new key")));
        File.WriteAllText(_target.PcrPublicKey, "old key");

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => _target.InstallOsAsync(Version, CancellationToken.None));

        Assert.Contains("rotated Secure Boot key", error.Message);
        Assert.DoesNotContain(_tools.Calls, call => call[0] == "unshare");
    }

    [Fact]
    public async Task InstallOs_NoUki_Refused()
    {
        var usr = Path.Combine(_target.UpdatesDirectory, $"IncusOS_{Version}.usr-x86-64.1.raw");
        await File.WriteAllTextAsync(usr, "usr");

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => _target.InstallOsAsync(Version, CancellationToken.None));

        Assert.Equal($"no UKI for version {Version} in {_target.UpdatesDirectory}", error.Message);
    }

    [Fact]
    public async Task Applications_ValidateAndRefresh_ExactCommands()
    {
        var image = Path.Combine(_directory, "incus.raw");

        await _target.ValidateApplicationAsync(image, CancellationToken.None);
        await _target.RefreshExtensionsAsync(CancellationToken.None);

        Assert.Equal([["systemd-dissect", "--validate", image], ["systemd-sysext", "refresh"]], _tools.Calls);
    }

    [Fact]
    public async Task SecureBootKeys_OnHost_ClearErrorSayingWhy()
    {
        var error = await Assert.ThrowsAsync<ProviderException>(
            () => _target.ApplySecureBootKeysAsync(Path.Combine(_directory, "keys.tar.gz"), CancellationToken.None));

        Assert.Contains("not supported by this build", error.Message);
    }

    public void Dispose()
    {
        _tools.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void Stage(byte[] uki)
    {
        File.WriteAllBytes(Path.Combine(_target.UpdatesDirectory, $"IncusOS_{Version}.efi"), uki);
        File.WriteAllText(Path.Combine(_target.UpdatesDirectory, $"IncusOS_{Version}.usr-x86-64.1234.raw"), "usr");
    }

    /// <summary>The smallest PE image with one <c>.pcrpkey</c> section holding <paramref name="key"/>.</summary>
    private static byte[] Uki(byte[] key)
    {
        var image = new byte[0x200 + key.Length];
        image[0] = (byte)'M';
        image[1] = (byte)'Z';
        BinaryPrimitives.WriteInt32LittleEndian(image.AsSpan(0x3c), 0x40);
        "PE\0\0"u8.CopyTo(image.AsSpan(0x40));
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x40 + 6), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x40 + 20), 0);
        var section = image.AsSpan(0x40 + 24, 40);
        ".pcrpkey"u8.CopyTo(section);
        BinaryPrimitives.WriteInt32LittleEndian(section[8..], key.Length);
        BinaryPrimitives.WriteInt32LittleEndian(section[16..], key.Length);
        BinaryPrimitives.WriteInt32LittleEndian(section[20..], 0x200);
        key.CopyTo(image.AsSpan(0x200));

        return image;
    }
}
