using IncusOs.Actors.Network;
using IncusOs.Providers.Network;

namespace IncusOs.Tests.Network;

public sealed class NetworkStateBuilderTests
{
    [Theory]
    [InlineData("", "", "routable", "management,cluster")]
    [InlineData("", "", "degraded", "")]
    [InlineData("storage", "", "routable", "storage,management,cluster")]
    [InlineData("", "management", "routable", "")]
    [InlineData("", "cluster", "routable", "management")]
    [InlineData("management", "", "carrier", "management,cluster")]
    [InlineData("management", "cluster", "routable", "management")]
    public void Build_AutomaticRoles_FollowSpec(string ownRoles, string otherRoles, string state, string expected)
    {
        var config = new SystemNetworkConfig
        {
            Interfaces =
            [
                new SystemNetworkInterface { Name = "a", Hwaddr = "aa:00:00:00:00:01", Roles = Split(ownRoles) },
                new SystemNetworkInterface { Name = "b", Hwaddr = "aa:00:00:00:00:02", Roles = Split(otherRoles) },
            ],
        };
        var seen = new Dictionary<string, LinkObservation>
        {
            ["a"] = new() { State = state },
            ["b"] = new() { State = "off" },
        };

        var built = NetworkStateBuilder.Build(config, seen);

        Assert.Equal(Split(expected), built.Interfaces["a"].Roles);
        Assert.Equal("interface", built.Interfaces["a"].Type);
        Assert.Equal("aa:00:00:00:00:01", built.Interfaces["a"].Hwaddr);
    }

    [Fact]
    public void Queries_EachKind_ReadsTheRightLink()
    {
        var config = new SystemNetworkConfig
        {
            Interfaces = [new SystemNetworkInterface { Name = "eth0", Hwaddr = "AA:00:00:00:00:01" }],
            Bonds = [new SystemNetworkBond { Name = "b0", Mode = "802.3ad", Members = ["aa:00:00:00:00:02"] }],
            Vlans = [new SystemNetworkVlan { Name = "v1", Parent = "b0", Id = 1 }],
        };

        var queries = NetworkStateBuilder.Queries(config);

        Assert.Equal(
            [
                new LinkQuery("eth0", "_veth0", "_paa0000000001"),
                new LinkQuery("b0", "_vb0", null),
                new LinkQuery("_paa0000000002", "_paa0000000002", "_paa0000000002"),
                new LinkQuery("v1", "v1", null),
            ],
            queries);
    }

    private static string[] Split(string roles) => roles.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
