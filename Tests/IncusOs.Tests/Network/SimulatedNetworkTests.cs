using IncusOs.Actors.Network;
using IncusOs.Providers;
using IncusOs.Providers.Network;
using IncusOs.Providers.Simulation;

namespace IncusOs.Tests.Network;

public sealed class SimulatedNetworkTests : IDisposable
{
    private const string Nic1 = "10:66:6a:2f:11:01";
    private const string Nic2 = "10:66:6a:2f:11:02";

    private readonly string _dir = Directory.CreateTempSubdirectory("network-sim-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Apply_StaticAndDhcp_StateReportsThemDeterministically()
    {
        var network = new SimulatedNetwork(SimulatedMachine.OpenOrCreate(_dir));
        var config = new SystemNetworkConfig
        {
            Interfaces =
            [
                new SystemNetworkInterface { Name = "eth0", Hwaddr = Nic1, Addresses = ["10.1.0.2/24", "dhcp4"] },
            ],
            Vlans = [new SystemNetworkVlan { Name = "v10", Parent = "eth0", Id = 10, Addresses = ["10.10.0.2/24"] }],
        };

        var first = await ApplyAndReadAsync(network, config);
        var second = await ApplyAndReadAsync(new SimulatedNetwork(SimulatedMachine.OpenOrCreate(_dir)), config);

        var eth0 = first.Interfaces["eth0"];
        Assert.Equal("10.1.0.2", eth0.Addresses[0]);
        Assert.Matches(@"^10\.\d+\.\d+\.\d+$", eth0.Addresses[1]);
        Assert.Equal(eth0.Addresses, second.Interfaces["eth0"].Addresses);
        Assert.Equal("default", Assert.Single(eth0.Routes).To);
        Assert.Equal(("routable", "10Gbps", 1500), (eth0.State, eth0.Speed, eth0.Mtu));
        Assert.Equal(["10.10.0.2"], first.Interfaces["v10"].Addresses);
        Assert.Equal("vlan", first.Interfaces["v10"].Type);
    }

    [Fact]
    public async Task Apply_Bond_MembersEnslavedWithLacp()
    {
        var network = new SimulatedNetwork(SimulatedMachine.OpenOrCreate(_dir));
        var config = new SystemNetworkConfig
        {
            Bonds = [new SystemNetworkBond { Name = "bond0", Mode = "802.3ad", Members = [Nic1, Nic2], Mtu = 9000 }],
        };

        var state = await ApplyAndReadAsync(network, config);

        var bond = state.Interfaces["bond0"];
        Assert.Equal(("bond", "carrier", 9000), (bond.Type, bond.State, bond.Mtu));
        var member = bond.Members["_p10666a2f1102"];
        Assert.Equal("enslaved", member.State);
        Assert.Equal(new SystemNetworkLacp { LocalMac = Nic1, RemoteMac = Nic2 }, member.Lacp);
        Assert.Empty(bond.Roles);
    }

    [Fact]
    public async Task Apply_UnknownMac_FailsAsUdevWould()
    {
        var network = new SimulatedNetwork(SimulatedMachine.OpenOrCreate(_dir));
        var plan = NetworkPlanBuilder.Build(
            new SystemNetworkConfig
            {
                Interfaces = [new SystemNetworkInterface { Name = "x", Hwaddr = "aa:aa:aa:aa:aa:aa" }],
            },
            "h").Plan!;

        var error = await Assert.ThrowsAsync<ProviderException>(() => network.ApplyAsync(plan, CancellationToken.None));

        Assert.Equal("timed out waiting for udev to rename interface(s)", error.Message);
    }

    [Fact]
    public void Identity_FallbackHostname_IsProductUuid()
    {
        var machine = SimulatedMachine.OpenOrCreate(_dir);

        Assert.Equal(machine.Document.ProductUuid, new SimulatedNetwork(machine).FallbackHostname());
    }

    private static async Task<SystemNetworkState> ApplyAndReadAsync(
        SimulatedNetwork network, SystemNetworkConfig config)
    {
        var planned = NetworkPlanBuilder.Build(config, network.FallbackHostname());
        await network.ApplyAsync(planned.Plan!, CancellationToken.None);
        var seen = await network.ReadAsync(NetworkStateBuilder.Queries(config), CancellationToken.None);

        return NetworkStateBuilder.Build(config, seen);
    }
}
