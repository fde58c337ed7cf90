using IncusOs.Actors.Machine;
using IncusOs.Providers.Machine;

namespace IncusOs.Tests.Machine;

public sealed class PreferredHostnameTests
{
    private const string Uuid = "03000200-0400-0500-0006-000700080009";

    [Theory]
    [InlineData("server01", "example.org", Uuid + "\n", "0123456789abcdef0123456789abcdef\n", "server01.example.org")]
    [InlineData("server01", "", Uuid + "\n", null, "server01")]
    [InlineData("", "example.org", Uuid + "\n", null, Uuid)]
    [InlineData(null, null, Uuid, "0123456789abcdef0123456789abcdef\n", "0123456789abcdef0123456789abcdef")]
    [InlineData(null, null, Uuid + "\n\n", "0123456789abcdef0123456789abcdef", "IncusOS")]
    [InlineData(null, null, null, null, "IncusOS")]
    public void Of_Inputs_FollowsTheRules(
        string? hostname, string? domain, string? uuid, string? machineId, string expected)
    {
        var identity = new OsIdentity("IncusOS", "202512010000", uuid, machineId);

        var name = PreferredHostname.Of(hostname, domain, identity);

        Assert.Equal(expected, name);
    }
}
