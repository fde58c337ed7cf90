using IncusOs.Actors.Storage;
using IncusOs.Providers.Storage;

namespace IncusOs.Tests.Storage;

public sealed class PoolRecordsTests
{
    private static ZpoolVdev Leaf(string name, string state = "ONLINE") => new(name, "disk", state, []);

    private static ZpoolVdev Group(string name, params ZpoolVdev[] children) =>
        new(name, name.StartsWith("raidz", StringComparison.Ordinal) ? "raidz" : "mirror", "ONLINE", children);

    private static ZpoolInfo Pool(params ZpoolVdev[] vdevs) => new("tank", "ONLINE", vdevs, [], []);

    public static TheoryData<string[], string> TypeCases => new()
    {
        { ["mirror-0"], PoolTypes.Raid1 },
        { ["mirror-0", "mirror-1"], PoolTypes.Raid10 },
        { ["mirror-0", "mirror-5"], PoolTypes.Raid10 },
        { ["raidz1-0"], PoolTypes.Raidz1 },
        { ["raidz2-0"], PoolTypes.Raidz2 },
        { ["raidz3-0"], PoolTypes.Raidz3 },
    };

    [Theory]
    [MemberData(nameof(TypeCases))]
    public void Derive_TopLevelNames_GiveTheType(string[] names, string expected)
    {
        var pool = Pool(names.Select((n, i) => Group(n, Leaf($"ata-{i}a"), Leaf($"ata-{i}b"))).ToArray());

        Assert.Equal(expected, PoolRecords.Derive(pool).Type);
    }

    [Theory]
    [InlineData("mirror-6")]
    [InlineData("raidz1-1")]
    [InlineData("draid1:2d:4c:0s-0")]
    public void Derive_UnknownTopLevelName_Refuses(string name)
    {
        var ex = Assert.Throws<StorageRefusal>(() => PoolRecords.Derive(Pool(Group(name, Leaf("a"), Leaf("b")))));

        Assert.Equal("unable to determine pool type for tank", ex.Message);
    }

    [Fact]
    public void Derive_DiskLeaves_AreRaid0WithByIdPathsAndLocalDataLabel()
    {
        var record = PoolRecords.Derive(Pool(Leaf("ata-X"), Leaf("local-data"), Leaf("ata-Y", "FAULTED")));

        Assert.Equal(PoolTypes.Raid0, record.Type);
        Assert.Equal(["/dev/disk/by-id/ata-X", "/dev/disk/by-partlabel/local-data"], record.Devices!);
        Assert.Equal(["/dev/disk/by-id/ata-Y"], record.DevicesDegraded!);
    }

    [Fact]
    public void Derive_LogsAndCacheSplitByState()
    {
        var pool = new ZpoolInfo(
            "tank", "DEGRADED", [Group("mirror-0", Leaf("a"), Leaf("b", "OFFLINE"))],
            [Leaf("log1"), Leaf("log2", "REMOVED")], [Leaf("cache1", "CANT_OPEN")]);

        var record = PoolRecords.Derive(pool);

        Assert.Equal(["/dev/disk/by-id/a"], record.Devices!);
        Assert.Equal(["/dev/disk/by-id/b"], record.DevicesDegraded!);
        Assert.Equal(["/dev/disk/by-id/log1"], record.Log!);
        Assert.Equal(["/dev/disk/by-id/log2"], record.LogDegraded!);
        Assert.Empty(record.Cache!);
        Assert.Equal(["/dev/disk/by-id/cache1"], record.CacheDegraded!);
        Assert.Equal("DEGRADED", record.State);
    }

    [Fact]
    public void Resolve_MapsEachPathAndSortsEachList()
    {
        var record = PoolRecords.Derive(Pool(Group("mirror-0", Leaf("z"), Leaf("a"), Leaf("m"))));
        var links = new Dictionary<string, string>
        {
            ["/dev/disk/by-id/z"] = "/dev/sdb",
            ["/dev/disk/by-id/a"] = "/dev/sdc",
            ["/dev/disk/by-id/m"] = "/dev/nvme0n1",
        };

        var resolved = PoolRecords.Resolve(record, path => links[path]);

        Assert.Equal(["/dev/nvme0n1", "/dev/sdb", "/dev/sdc"], resolved.Devices!);
    }
}
