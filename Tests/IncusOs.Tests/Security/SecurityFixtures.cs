using IncusOs.Tests.Support;
using Newtonsoft.Json.Linq;

namespace IncusOs.Tests.Security;

/// <summary>The genuine Secure Boot and event-log data in <c>../shared/fixtures/security</c>, read in place.</summary>
internal static class SecurityFixtures
{
    private static readonly Lazy<JObject> ExpectedDocument =
        new(() => JObject.Parse(File.ReadAllText(Path("expected.json"))));

    public static JObject Expected => ExpectedDocument.Value;

    public static string Path(string relative) => TestPaths.Fixture(["security", .. relative.Split('/')]);

    public static byte[] Read(string relative) => File.ReadAllBytes(Path(relative));

    /// <summary>The data of an efivarfs file: its content after the 4-byte attribute word.</summary>
    public static byte[] ReadVariable(string relative) => Read(relative)[4..];
}
