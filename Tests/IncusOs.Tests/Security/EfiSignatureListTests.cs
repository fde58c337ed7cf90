using IncusOs.Providers;
using IncusOs.Providers.Security;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Security;

public sealed class EfiSignatureListTests
{
    public static TheoryData<string> EslFiles() => Paths("esl");

    public static TheoryData<string> EfiVariableFiles() => Paths("efivars");

    public static TheoryData<string> DbxUpdateFiles() => Paths("dbxupdates");

    [Theory]
    [MemberData(nameof(EslFiles))]
    public void Parse_GenuineSignatureList_ReproducesEveryEntry(string path)
    {
        var expected = Entry("esl", path);

        var parsed = EfiSignatureList.Parse(SecurityFixtures.Read(path));

        AssertEntries(expected, parsed, Path.GetFileNameWithoutExtension(path).Split('-')[^1]);
    }

    [Theory]
    [MemberData(nameof(EfiVariableFiles))]
    public void Parse_EfivarfsFileAfterAttributeWord_ReproducesEveryEntry(string path)
    {
        var expected = Entry("efivars", path);

        var parsed = EfiSignatureList.Parse(SecurityFixtures.ReadVariable(path));

        AssertEntries(expected, parsed, Path.GetFileName(path).Split('-')[0]);
    }

    [Theory]
    [MemberData(nameof(DbxUpdateFiles))]
    public void Parse_SignedDbxUpdateAfterAuthenticationHeader_ReproducesEveryEntry(string path)
    {
        var expected = Entry("dbxupdates", path);
        var offset = expected.Value<int>("esl_offset");

        var parsed = EfiSignatureList.Parse(SecurityFixtures.Read(path).AsSpan(offset));

        AssertEntries(expected, parsed, "dbx");
    }

    [Fact]
    public void Parse_TruncatedList_ThrowsProviderException()
    {
        var data = SecurityFixtures.Read("esl/gce-db.esl");

        Assert.Throws<ProviderException>(() => EfiSignatureList.Parse(data.AsSpan(0, data.Length - 1)));
    }

    [Fact]
    public void FromVariable_OvmfKek_GivesGoFormNamesWithOidForEmail()
    {
        var data = SecurityFixtures.ReadVariable("efivars/ovmf-ms/KEK-8be4df61-93ca-11d2-aa0d-00e098032b8c");

        var certificates = SecureBootCertificates.FromVariable("KEK", data);

        Assert.Equal(2, certificates.Count);
        Assert.Equal(
            "CN=Debian UEFI Secure Boot (PK/KEK key),O=Debian,"
            + "1.2.840.113549.1.9.1=#0c1d64656269616e2d646576656c406c697374732e64656269616e2e6f7267",
            certificates[0].Subject);
        Assert.Equal("KEK", certificates[1].Type);
        Assert.Equal("a1117f516a32cefcba3f2d1ace10a87972fd6bbe8fe0d0b996e09e65d802a503", certificates[1].Fingerprint);
    }

    [Fact]
    public void FromVariable_CiscoCertificatesInCertificateOrder_RegroupedAsGoDoes()
    {
        var data = SecurityFixtures.Read("esl/gce-dbx.esl");

        var certificates = SecureBootCertificates.FromVariable("dbx", data);

        Assert.Contains(certificates, c => c.Issuer == "CN=Virtual UEFI Root CA,OU=Toliman,O=Cisco");
        Assert.Contains(certificates, c => c.Subject == "CN=Virtual UEFI SubCA,OU=Antares,O=Cisco");
    }

    [Fact]
    public void FromVariable_Garbage_GivesNothing()
    {
        var certificates = SecureBootCertificates.FromVariable("db", [1, 2, 3]);

        Assert.Empty(certificates);
    }

    private static void AssertEntries(JObject expected, IReadOnlyList<EfiSignature> parsed, string type)
    {
        var entries = expected["lists"]!.SelectMany(l => l["entries"]!.Select(e => (List: l, Entry: e))).ToList();
        Assert.Equal(entries.Count, parsed.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Equal(Guid.Parse(entries[i].List.Value<string>("signature_type")!), parsed[i].Type);
            Assert.Equal(Guid.Parse(entries[i].Entry.Value<string>("owner")!), parsed[i].Owner);
        }

        var certificates = entries.Where(e => e.Entry["sha256_fingerprint"] is not null).Select(e => e.Entry).ToList();
        var described = parsed.Where(p => p.IsX509)
            .Select(p => SecureBootCertificates.TryDescribe(type, p.Data))
            .ToList();
        Assert.Equal(certificates.Count, described.Count);
        for (var i = 0; i < certificates.Count; i++)
        {
            Assert.NotNull(described[i]);
            Assert.Equal(certificates[i].Value<string>("sha256_fingerprint"), described[i]!.Fingerprint);
            Assert.Equal(GoNameForm.FromOpenSsl(certificates[i].Value<string>("subject")!), described[i]!.Subject);
            Assert.Equal(GoNameForm.FromOpenSsl(certificates[i].Value<string>("issuer")!), described[i]!.Issuer);
        }
    }

    private static JObject Entry(string section, string path) =>
        (JObject)SecurityFixtures.Expected[section]!.Single(e => e.Value<string>("path") == path);

    private static TheoryData<string> Paths(string section)
    {
        var data = new TheoryData<string>();
        foreach (var entry in SecurityFixtures.Expected[section]!)
        {
            data.Add(entry.Value<string>("path")!);
        }

        return data;
    }
}
