using IncusOs.Providers;
using IncusOs.Providers.Process;
using IncusOs.Providers.Security;
using IncusOs.Providers.Simulation;

namespace IncusOs.Tests.Security;

public sealed class SimulatedSecurityMachineTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("incus-sec-sim-").FullName;
    private readonly SimulatedMachine _machine;
    private readonly SimulatedSecurityMachine _security;

    public SimulatedSecurityMachineTests()
    {
        _machine = SimulatedMachine.OpenOrCreate(_state);
        _security = new SimulatedSecurityMachine(_machine);
    }

    [Fact]
    public async Task NewMachine_SecureBootOnWithIncusKeys_TpmOkAndVolumesUnlockByTpm()
    {
        var certificates = await _security.GetCertificatesAsync(CancellationToken.None);
        var status = await _security.GetStatusAsync(CancellationToken.None);
        var volumes = await _security.DiscoverAsync(CancellationToken.None);

        Assert.True(await _security.IsEnabledAsync(CancellationToken.None));
        Assert.Equal(["PK", "KEK", "db"], certificates.Select(c => c.Type));
        Assert.Equal("CN=Incus OS - Secure Boot PK R1,O=Linux Containers", certificates[0].Subject);
        Assert.Equal("CN=Incus OS - Secure Boot E1,O=Linux Containers", certificates[0].Issuer);
        Assert.Equal(TpmStatus.Ok, status);
        Assert.Equal([new LuksVolume("root", "/dev/sda10"), new LuksVolume("swap", "/dev/sda9")], volumes);
        Assert.True(await _security.CanUnlockWithTpmAsync(volumes[0], CancellationToken.None));
    }

    [Fact]
    public async Task DbxChangedOutsideTheDaemon_BeforeReboot_IsPendingAndAfterRebootTpmNoLongerUnlocks()
    {
        var root = (await _security.DiscoverAsync(CancellationToken.None))[0];
        await _security.EnrollPassphraseAsync(root, "recovery", CancellationToken.None);
        AppendToDbx();

        var pending = await _security.GetStatusAsync(CancellationToken.None);
        var unlocksBefore = await _security.CanUnlockWithTpmAsync(root, CancellationToken.None);
        _machine.RecordBoot();
        var after = await _security.GetStatusAsync(CancellationToken.None);
        var unlocksAfter = await _security.CanUnlockWithTpmAsync(root, CancellationToken.None);

        Assert.Equal(TpmStatus.PendingPcr7Update, pending);
        Assert.True(unlocksBefore);
        Assert.Equal(TpmStatus.Ok, after);
        Assert.False(unlocksAfter);
        var error = await Assert.ThrowsAsync<CommandFailedException>(
            () => _security.EnrollPassphraseAsync(root, "another", CancellationToken.None));
        Assert.StartsWith(
            "Failed to run: systemd-cryptenroll --unlock-tpm2-device auto --password /dev/sda10", error.Message);
    }

    [Fact]
    public async Task ResealTpm_CurrentPcr7WithEnrolledPassphrase_TpmUnlocksAgain()
    {
        var root = (await _security.DiscoverAsync(CancellationToken.None))[0];
        await _security.EnrollPassphraseAsync(root, "recovery", CancellationToken.None);
        AppendToDbx();
        _machine.RecordBoot();
        var pcr7 = await _security.ReadPcr7Async(CancellationToken.None);

        await Assert.ThrowsAsync<CommandFailedException>(
            () => _security.ResealTpmAsync(root, pcr7, "wrong", CancellationToken.None));
        await _security.ResealTpmAsync(root, pcr7, "recovery", CancellationToken.None);

        Assert.True(await _security.CanUnlockWithTpmAsync(root, CancellationToken.None));
        Assert.Single(await _security.ListSlotsAsync(root, CancellationToken.None), s => s.Type == LuksSlot.Tpm2);
    }

    [Fact]
    public async Task EnrollPassphrase_AllThirtyTwoSlotsUsed_FailsAsCryptsetupDoes()
    {
        var swap = (await _security.DiscoverAsync(CancellationToken.None))[1];
        var used = (await _security.ListSlotsAsync(swap, CancellationToken.None)).Count;
        for (var i = used; i < 32; i++)
        {
            await _security.EnrollPassphraseAsync(swap, $"key {i}", CancellationToken.None);
        }

        var error = await Assert.ThrowsAsync<CommandFailedException>(
            () => _security.EnrollPassphraseAsync(swap, "one too many", CancellationToken.None));

        Assert.Contains("All key slots full.", error.Message);
        Assert.Contains($"Failed to add new password to {swap.Device}: Invalid argument", error.Message);
        Assert.Equal(32, (await _security.ListSlotsAsync(swap, CancellationToken.None)).Count);
        Assert.False(_security.Opens(swap, "one too many"));
    }

    [Fact]
    public async Task FaultAfterOneChange_SecondChangeFailsThenClears()
    {
        var swap = (await _security.DiscoverAsync(CancellationToken.None))[1];
        _security.Update(d => d with { Faults = new SimulatedSecurityFaults { FailSlotChangeAfter = 1 } });

        await _security.EnrollPassphraseAsync(swap, "one", CancellationToken.None);
        await Assert.ThrowsAsync<ProviderException>(
            () => _security.EnrollPassphraseAsync(swap, "two", CancellationToken.None));
        await _security.EnrollPassphraseAsync(swap, "three", CancellationToken.None);

        Assert.True(_security.Opens(swap, "one"));
        Assert.False(_security.Opens(swap, "two"));
        Assert.True(_security.Opens(swap, "three"));
    }

    [Fact]
    public async Task StateFile_AfterEnrolment_HoldsNoPassphraseAndIsOwnerOnly()
    {
        var root = (await _security.DiscoverAsync(CancellationToken.None))[0];

        var key = await _security.EnrollRecoveryKeyAsync(root, CancellationToken.None);
        await _security.EnrollPassphraseAsync(root, "plain words", CancellationToken.None);

        var path = _machine.PathOf(SimulatedSecurityMachine.FileName);
        var text = File.ReadAllText(path);
        Assert.DoesNotContain(key, text);
        Assert.DoesNotContain("plain words", text);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.True(_security.Opens(root, key));
    }

    [Fact]
    public async Task SigningKeyRotation_PredictionWithAuthoritySubstitution_EqualsPcr7OfTheNextBoot()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=Incus OS - Secure Boot 2026 R1,O=Linux Containers",
            key,
            System.Security.Cryptography.HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        using var rotated = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        var document = _security.Update(d =>
        {
            var db = Convert.FromBase64String(d.Variables["db"]);
            byte[] extended = [.. db, .. EfiSignatureListWriter.Certificates(d.Owner, [rotated.RawData])];
            var variables = new Dictionary<string, string>(d.Variables) { ["db"] = Convert.ToBase64String(extended) };

            return d with { Variables = variables, BootSigner = Convert.ToBase64String(rotated.RawData) };
        });
        var log = TcgEventLog.Parse(Convert.FromBase64String(document.EventLog));
        var newDb = SimulatedFirmware.Variable(document, "db", secureBoot: true);

        var predicted = Pcr7.Predict(
            log, v => SimulatedFirmware.Variable(document, v.Name, secureBoot: true),
            Pcr7.AuthoritySubstitution(rotated.RawData, newDb));
        var withoutSubstitution =
            Pcr7.Predict(log, v => SimulatedFirmware.Variable(document, v.Name, secureBoot: true));
        var pending = await _security.GetStatusAsync(CancellationToken.None);
        _machine.RecordBoot();

        Assert.Equal(TpmStatus.PendingPcr7Update, pending);
        Assert.Equal(_security.Snapshot().Pcr7, Convert.ToHexStringLower(predicted));
        Assert.NotEqual(_security.Snapshot().Pcr7, Convert.ToHexStringLower(withoutSubstitution));
        Assert.Equal(TpmStatus.Ok, await _security.GetStatusAsync(CancellationToken.None));
    }

    private void AppendToDbx() =>
        _security.Update(d =>
        {
            var dbx = Convert.FromBase64String(d.Variables["dbx"]);
            var extra = EfiSignatureListWriter.Write(EfiSignature.Sha256, d.Owner, [new byte[32]]);
            var variables = new Dictionary<string, string>(d.Variables)
            {
                ["dbx"] = Convert.ToBase64String([.. dbx, .. extra]),
            };

            return d with { Variables = variables };
        });

    public void Dispose() => Directory.Delete(_state, recursive: true);
}
