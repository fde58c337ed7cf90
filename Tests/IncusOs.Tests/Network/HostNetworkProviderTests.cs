using IncusOs.Actors.Network;
using IncusOs.Providers;
using IncusOs.Providers.DBus;
using IncusOs.Providers.Network;
using IncusOs.Providers.Process;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncusOs.Tests.Network;

public sealed class HostNetworkProviderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("network-host-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Inode(string path)
    {
        var info = new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%i", path])
        {
            RedirectStandardOutput = true,
        };
        using var stat = System.Diagnostics.Process.Start(info)!;
        var inode = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();

        return inode;
    }

    [Fact]
    public async Task Apply_SystemdNotPid1_RefusedBeforeAnythingChanges()
    {
        var options = new NetworkOptions
        {
            SystemdRuntimeDirectory = Path.Combine(_dir, "no-systemd"),
            NetworkdDirectory = Path.Combine(_dir, "network"),
            HostsFile = Path.Combine(_dir, "hosts"),
        };
        await using var bus = new SystemBus("unix:path=" + Path.Combine(_dir, "no-bus.sock"));
        var control = new DBusNetworkdControl(bus);
        var commands = new NetworkCommands(new ProcessRunner(NullLogger<ProcessRunner>.Instance), options);
        var applier = new HostNetworkApplier(
            control, commands, new HostNetworkStateReader(commands, control, options), options,
            NullLogger<HostNetworkApplier>.Instance);
        var plan = NetworkPlanBuilder.Build(
            new SystemNetworkConfig
            {
                Interfaces = [new SystemNetworkInterface { Name = "eth0", Hwaddr = "aa:bb:cc:dd:ee:01" }],
            },
            "host").Plan!;

        var error = await Assert.ThrowsAsync<ProviderException>(() => applier.ApplyAsync(plan, CancellationToken.None));

        Assert.Contains("systemd is not running as PID 1", error.Message);
        Assert.False(Directory.Exists(options.NetworkdDirectory));
        Assert.False(File.Exists(options.HostsFile));
    }

    [Fact]
    public async Task Control_NoBus_FailsWithTheReason()
    {
        await using var bus = new SystemBus("unix:path=" + Path.Combine(_dir, "no-bus.sock"));
        var control = new DBusNetworkdControl(bus);

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => control.SetHostnameAsync("h", CancellationToken.None));

        Assert.Contains("cannot connect to the system bus", error.Message);
    }

    [Fact]
    public void Writer_ReplacesWholeDirectory_OldFilesGoneModesSet()
    {
        var target = Path.Combine(_dir, "run", "network");
        NetworkdFilesWriter.Replace(target, [new NetworkFile("a.network", "A\n"), new NetworkFile("b.netdev", "B\n")]);

        NetworkdFilesWriter.Replace(target, [new NetworkFile("c.network", "C\n")]);

        Assert.Equal(["c.network"], Directory.GetFiles(target).Select(f => Path.GetFileName(f)));
        Assert.Equal("C\n", File.ReadAllText(Path.Combine(target, "c.network")));
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(Path.Combine(target, "c.network")));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(target));
        var siblings = Directory.GetFileSystemEntries(Path.Combine(_dir, "run")).Select(f => Path.GetFileName(f));
        Assert.Equal(["network"], siblings);
    }

    [Fact]
    public void Writer_UnchangedFile_KeepsItsInode()
    {
        var target = Path.Combine(_dir, "network");
        NetworkdFilesWriter.Replace(target, [new NetworkFile("a.network", "A\n"), new NetworkFile("b.network", "B\n")]);
        var before = (Inode(Path.Combine(target, "a.network")), Inode(Path.Combine(target, "b.network")));

        NetworkdFilesWriter.Replace(
            target, [new NetworkFile("a.network", "A\n"), new NetworkFile("b.network", "B2\n")]);

        Assert.Equal(before.Item1, Inode(Path.Combine(target, "a.network")));
        Assert.NotEqual(before.Item2, Inode(Path.Combine(target, "b.network")));
        Assert.Equal("B2\n", File.ReadAllText(Path.Combine(target, "b.network")));
    }

    [Fact]
    public void ParseAddresses_IpJson_DropsLinkLocalAndPrefix()
    {
        const string json = """
            [{"ifname":"_veth0","addr_info":[{"family":"inet","local":"10.0.0.2","prefixlen":24},
             {"family":"inet","local":"169.254.1.1","prefixlen":16},{"family":"inet6","local":"fd00::2","prefixlen":64},
             {"family":"inet6","local":"fe80::1","prefixlen":64}]}]
            """;

        Assert.Equal(["10.0.0.2", "fd00::2"], HostNetworkStateReader.ParseAddresses(json));
    }

    [Fact]
    public void ParseRoutes_IpJson_KeepsRoutesWithAGateway()
    {
        const string json = """
            [{"dst":"default","gateway":"10.0.0.1","protocol":"dhcp"},{"dst":"10.0.0.0/24","protocol":"kernel"}]
            """;

        var routes = HostNetworkStateReader.ParseRoutes(json);

        Assert.Equal([new RoutePlan("default", "10.0.0.1")], routes);
    }

    [Fact]
    public void ParseLldp_Networkd252Table_ReadsColumns()
    {
        const string table = """
            LINK           CHASSIS-ID        SYSTEM-NAME CAPS        PORT-ID PORT-DESCRIPTION
            _p020000000001 00:11:22:33:44:55 switch1     ..b........ Eth1/1  uplink to server01

            1 neighbors listed.
            """;

        var neighbours = HostNetworkStateReader.ParseLldp(table);

        Assert.Equal([new LldpNeighbour("switch1", "00:11:22:33:44:55", "Eth1/1", "uplink to server01")], neighbours);
    }

    [Fact]
    public void ParseLldp_Json_TakesFirstEntry()
    {
        const string json = """
            {"Neighbors":[{"InterfaceName":"_p1","Neighbors":[{"SystemName":"sw","ChassisID":"c","PortID":"p"}]}]}
            """;

        Assert.Equal([new LldpNeighbour("sw", "c", "p", string.Empty)], HostNetworkStateReader.ParseLldp(json));
    }

    [Theory]
    [InlineData(100, "100Mbps")]
    [InlineData(1000, "1Gbps")]
    [InlineData(2500, "2.5Gbps")]
    [InlineData(10000, "10Gbps")]
    [InlineData(-1, "")]
    public void FormatSpeed_Megabits_AsNetworkctl(long megabits, string expected)
    {
        Assert.Equal(expected, HostNetworkStateReader.FormatSpeed(megabits));
    }

    [Fact]
    public void NicInventory_IpJson_EtherLinksExceptLoopback()
    {
        const string json = """
            [{"ifname":"lo","link_type":"loopback","address":"00:00:00:00:00:00"},
             {"ifname":"enp5s0","link_type":"ether","address":"10:66:6a:00:00:01"},
             {"ifname":"enp6s0","link_type":"ether","address":"02:00:00:00:00:09","permaddr":"10:66:6a:00:00:02"}]
            """;

        Assert.Equal(
            [new NicInfo("enp5s0", "10:66:6a:00:00:01"), new NicInfo("enp6s0", "10:66:6a:00:00:02")],
            HostNicInventory.Parse(json));
    }
}
