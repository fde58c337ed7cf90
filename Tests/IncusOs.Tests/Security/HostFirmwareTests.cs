using IncusOs.Providers;
using IncusOs.Providers.Security;

namespace IncusOs.Tests.Security;

/// <summary>The host Secure Boot and TPM providers on the captured sysfs/efivarfs trees of the QEMU boots.</summary>
public sealed class HostFirmwareTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("incus-sec-host-").FullName;

    [Fact]
    public async Task SecureBoot_QemuBoot1_EnabledWithTheSnakeoilCertificates()
    {
        var root = SecurityFixtures.Path("qemu-ovmf-swtpm/boot1");
        var secureBoot = new HostSecureBoot(HostSecurityPaths.UnderRoot(root));

        var enabled = await secureBoot.IsEnabledAsync(CancellationToken.None);
        var certificates = await secureBoot.GetCertificatesAsync(CancellationToken.None);

        Assert.True(enabled);
        Assert.Equal(["PK", "KEK", "db"], certificates.Select(c => c.Type));
        var db = certificates[2];
        Assert.Equal("282e8130b7070f107aaecc25d3992ca4440270860b09088792a5075fab0d13f8", db.Fingerprint);
        Assert.Equal("O=SnakeOil,L=Fort Collins,ST=Colorado,C=US", db.Subject);
    }

    [Fact]
    public async Task SecureBoot_NoEfivarfs_DisabledWithoutCertificates()
    {
        var secureBoot = new HostSecureBoot(HostSecurityPaths.UnderRoot(_scratch));

        var enabled = await secureBoot.IsEnabledAsync(CancellationToken.None);
        var certificates = await secureBoot.GetCertificatesAsync(CancellationToken.None);

        Assert.False(enabled);
        Assert.Empty(certificates);
    }

    [Fact]
    public async Task Tpm_QemuBoot3_StatusOkAndPcr7FromSysfsInLowerCase()
    {
        var tpm = new HostTpm(HostSecurityPaths.UnderRoot(SecurityFixtures.Path("qemu-ovmf-swtpm/boot3")));

        var status = await tpm.GetStatusAsync(CancellationToken.None);
        var pcr7 = await tpm.ReadPcr7Async(CancellationToken.None);

        Assert.Equal(TpmStatus.Ok, status);
        Assert.Equal("c6d0a55008fe1ffa4e9a1326be432e203944edfe7276a211e66c72763b8a71bb", pcr7);
    }

    [Fact]
    public async Task Tpm_VariablesUpdatedSinceBoot_PendingPcr7Update()
    {
        var boot = HostSecurityPaths.UnderRoot(SecurityFixtures.Path("qemu-ovmf-swtpm/boot2"));
        var after = SecurityFixtures.Path("qemu-ovmf-swtpm/boot2-after-update/sys/firmware/efi/efivars");
        var tpm = new HostTpm(boot with { EfiVariables = after });

        var status = await tpm.GetStatusAsync(CancellationToken.None);

        Assert.Equal(TpmStatus.PendingPcr7Update, status);
    }

    [Fact]
    public async Task Tpm_NoEventLog_StatusIsTheGoStyleOpenError()
    {
        var paths = HostSecurityPaths.UnderRoot(_scratch);
        var tpm = new HostTpm(paths);

        var status = await tpm.GetStatusAsync(CancellationToken.None);

        Assert.Equal($"open {paths.EventLog}: no such file or directory", status);
        await Assert.ThrowsAsync<ProviderException>(() => tpm.ReadPcr7Async(CancellationToken.None));
    }

    [Fact]
    public async Task PoolKeys_KeyFilesAmongOthers_Base64ByPoolSortedByName()
    {
        File.WriteAllBytes(Path.Combine(_scratch, "zpool.zeta.key"), [0, 1, 2, 255]);
        File.WriteAllBytes(Path.Combine(_scratch, "zpool.local.key"), new byte[32]);
        File.WriteAllText(Path.Combine(_scratch, "state.txt"), "not a key");

        var keys = await new PoolKeyDirectory(_scratch).GetRecoveryKeysAsync(CancellationToken.None);

        Assert.Equal(["local", "zeta"], keys.Keys);
        Assert.Equal("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", keys["local"]);
        Assert.Equal("AAEC/w==", keys["zeta"]);
    }

    [Fact]
    public async Task PoolKeys_MissingDirectory_GoStyleError()
    {
        var missing = Path.Combine(_scratch, "absent");

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => new PoolKeyDirectory(missing).GetRecoveryKeysAsync(CancellationToken.None));

        Assert.Equal($"open {missing}: no such file or directory", error.Message);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
