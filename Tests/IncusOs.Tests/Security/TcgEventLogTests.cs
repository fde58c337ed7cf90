using IncusOs.Providers;
using IncusOs.Providers.Security;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Security;

public sealed class TcgEventLogTests
{
    public static TheoryData<string> CryptoAgileLogs()
    {
        var data = new TheoryData<string>();
        foreach (var log in SecurityFixtures.Expected["eventlogs"]!.Concat(SecurityFixtures.Expected["qemu_boots"]!))
        {
            if (log.Value<string>("format") == "tcg2-crypto-agile")
            {
                data.Add(log.Value<string>("path")!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CryptoAgileLogs))]
    public void Parse_GenuineLog_CountsEveryEventAndReplaysRecordedPcr7(string path)
    {
        var expected = Log(path);

        var log = TcgEventLog.Parse(SecurityFixtures.Read(path));

        Assert.Equal(expected.Value<int>("event_count_including_specid"), log.Events.Count + 1);
        var recorded = expected["expected_pcrs"]!["sha256"]!.Value<string>("7");
        Assert.Equal(recorded, Convert.ToHexStringLower(Pcr7.Replay(log)));
        var pcr7Events = expected["pcr7_events"]!.Select(e => e.Value<int>("index")).ToList();
        Assert.Equal(pcr7Events, log.Events.Where(e => e.Pcr == 7 && e.Type != TcgEvent.NoAction).Select(e => e.Index));
    }

    [Theory]
    [MemberData(nameof(CryptoAgileLogs))]
    public void Predict_LogFedItsOwnMeasuredVariables_GivesItsOwnPcr7(string path)
    {
        var log = TcgEventLog.Parse(SecurityFixtures.Read(path));

        var predicted = Pcr7.Predict(log, logged => logged.Data);

        Assert.Equal(Pcr7.Replay(log), predicted);
    }

    [Fact]
    public void Parse_LegacySha1Log_IsRejected()
    {
        var bytes = SecurityFixtures.Read("eventlogs/gce-debian10-legacy-sha1.bin");

        var error = Assert.Throws<ProviderException>(() => TcgEventLog.Parse(bytes));

        Assert.Contains("crypto-agile", error.Message);
    }

    [Fact]
    public void Predict_GceLogWithoutDbxGivenTheDbxList_GivesPcr7OfTheLogWithDbx()
    {
        var log = TcgEventLog.Parse(SecurityFixtures.Read("eventlogs/gce-ubuntu2104-nosb-nodbx.bin"));
        var dbx = SecurityFixtures.Read("esl/gce-dbx.esl");

        var predicted = Pcr7.Predict(log, v => v.Name == "dbx" ? dbx : v.Data);

        Assert.Equal(Scenario(0), Convert.ToHexStringLower(predicted));
    }

    [Fact]
    public void Predict_GceLogWithDbxRemoved_GivesPcr7OfTheLogWithoutDbx()
    {
        var log = TcgEventLog.Parse(SecurityFixtures.Read("eventlogs/gce-ubuntu2104-nosb.bin"));

        var predicted = Pcr7.Predict(log, v => v.Name == "dbx" ? [] : v.Data);

        Assert.Equal(Scenario(1), Convert.ToHexStringLower(predicted));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    public void Predict_QemuBootAfterSignedAppend_GivesActualPcr7OfNextBoot(int boot, int scenario)
    {
        var log = TcgEventLog.Parse(
            SecurityFixtures.Read($"qemu-ovmf-swtpm/boot{boot}/sys/kernel/security/tpm0/binary_bios_measurements"));
        var efivars = SecurityFixtures.Path($"qemu-ovmf-swtpm/boot{boot}-after-update/sys/firmware/efi/efivars");

        var predicted = Pcr7.Predict(log, v => ReadEfivar(efivars, v));

        Assert.Equal(Scenario(scenario), Convert.ToHexStringLower(predicted));
        var next = File.ReadAllText(
            SecurityFixtures.Path($"qemu-ovmf-swtpm/boot{boot + 1}/sys/class/tpm/tpm0/pcr-sha256/7"));
        Assert.Equal(next.Trim().ToLowerInvariant(), Convert.ToHexStringLower(predicted));
    }

    [Fact]
    public void Evaluate_QemuBootWithItsOwnVariables_IsOk()
    {
        var root = SecurityFixtures.Path("qemu-ovmf-swtpm/boot1/sys");
        var log = TcgEventLog.Parse(
            File.ReadAllBytes(Path.Combine(root, "kernel/security/tpm0/binary_bios_measurements")));
        var pcr7 = File.ReadAllText(Path.Combine(root, "class/tpm/tpm0/pcr-sha256/7"));

        var status = TpmStatus.Evaluate(log, pcr7, v => ReadEfivar(Path.Combine(root, "firmware/efi/efivars"), v));

        Assert.Equal(TpmStatus.Ok, status);
    }

    [Fact]
    public void Evaluate_QemuBootAfterDbxAppend_IsPendingPcr7Update()
    {
        var root = SecurityFixtures.Path("qemu-ovmf-swtpm/boot1/sys");
        var after = SecurityFixtures.Path("qemu-ovmf-swtpm/boot1-after-update/sys/firmware/efi/efivars");
        var log = TcgEventLog.Parse(
            File.ReadAllBytes(Path.Combine(root, "kernel/security/tpm0/binary_bios_measurements")));
        var pcr7 = File.ReadAllText(Path.Combine(root, "class/tpm/tpm0/pcr-sha256/7"));

        var status = TpmStatus.Evaluate(log, pcr7, v => ReadEfivar(after, v));

        Assert.Equal(TpmStatus.PendingPcr7Update, status);
    }

    [Fact]
    public void Evaluate_ActualPcr7OfAnotherBoot_NamesBothValues()
    {
        var log = TcgEventLog.Parse(
            SecurityFixtures.Read("qemu-ovmf-swtpm/boot1/sys/kernel/security/tpm0/binary_bios_measurements"));
        var other = File.ReadAllText(SecurityFixtures.Path("qemu-ovmf-swtpm/boot2/sys/class/tpm/tpm0/pcr-sha256/7"));

        var status = TpmStatus.Evaluate(log, other, v => v.Data);

        Assert.Equal(
            "computed PCR7 (02a4f904010ebddfb1ce765622af8d48ac2408422e220ad4eed1e1856407f704) doesn't match "
            + "actual value (73a7728234b0ccd917c011917238a835d9937091f13ca4564676674b5063d1ce)",
            status);
    }

    [Fact]
    public void Predict_ExtraDbSignerWithAnotherSubject_AuthorityEventKeptAndBoot3Predicted()
    {
        var log = TcgEventLog.Parse(
            SecurityFixtures.Read("qemu-ovmf-swtpm/boot2/sys/kernel/security/tpm0/binary_bios_measurements"));
        var efivars = SecurityFixtures.Path("qemu-ovmf-swtpm/boot2-after-update/sys/firmware/efi/efivars");
        var extra = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(
            File.ReadAllText(SecurityFixtures.Path("qemu-ovmf-swtpm/inputs/extradb.pem"))).RawData;
        var db = File.ReadAllBytes(Path.Combine(efivars, "db-d719b2cb-3d3a-4596-a3bc-dad00e67656f"))[4..];

        var predicted = Pcr7.Predict(log, v => ReadEfivar(efivars, v), Pcr7.AuthoritySubstitution(extra, db));

        Assert.Equal(Scenario(3), Convert.ToHexStringLower(predicted));
    }

    private static byte[] ReadEfivar(string directory, UefiVariableData variable)
    {
        var file = Path.Combine(directory, $"{variable.Name}-{variable.VendorGuid}");

        return File.Exists(file) ? File.ReadAllBytes(file)[4..] : [];
    }

    private static string Scenario(int index) =>
        SecurityFixtures.Expected["next_boot_pcr7_scenarios"]![index]!.Value<string>("expected_pcr7_sha256")!;

    private static JObject Log(string path) =>
        (JObject)SecurityFixtures.Expected["eventlogs"]!.Concat(SecurityFixtures.Expected["qemu_boots"]!)
            .Single(e => e.Value<string>("path") == path);
}
