using IncusOs.Providers;
using IncusOs.Providers.Storage;
using IncusOs.Tests.Support;

namespace IncusOs.Tests.Storage;

public sealed class ZpoolStatusParserTests
{
    /// <summary>
    /// BUILT, NOT CAPTURED: a document made only from the structure that fixtures/zfs/README.md §2
    /// reads from the OpenZFS 2.3 code (pool_guid, root vdev with vdev_type root, class, slow_ios, raw
    /// enum states, logs/l2cache sections keyed by name, --json-int numbers).
    /// </summary>
    internal const string BuiltMirrorWithLogAndCache =
        """
        {"output_version":{"command":"zpool status","vers_major":0,"vers_minor":1},"pools":{"tank":{
        "name":"tank","state":"DEGRADED","pool_guid":12297829382473034410,"txg":4,"spa_version":5000,
        "zpl_version":5,"status":"One or more devices has been taken offline by the administrator.\n",
        "vdevs":{"tank":{"name":"tank","vdev_type":"root","guid":12297829382473034410,"class":"normal",
        "state":"DEGRADED","read_errors":0,"write_errors":0,"checksum_errors":0,"vdevs":{"mirror-0":{
        "name":"mirror-0","vdev_type":"mirror","guid":1,"class":"normal","state":"DEGRADED","read_errors":0,
        "write_errors":0,"checksum_errors":0,"vdevs":{"ata-DISK_A":{"name":"ata-DISK_A","vdev_type":"disk",
        "guid":2,"path":"/dev/disk/by-id/ata-DISK_A-part1","class":"normal","state":"ONLINE","read_errors":0,
        "write_errors":0,"checksum_errors":0,"slow_ios":0},"ata-DISK_B":{"name":"ata-DISK_B","vdev_type":"disk",
        "guid":3,"path":"/dev/disk/by-id/ata-DISK_B-part1","class":"normal","state":"OFFLINE","read_errors":0,
        "write_errors":0,"checksum_errors":0,"slow_ios":0}}}}}},"logs":{"nvme-LOG_1":{"name":"nvme-LOG_1",
        "vdev_type":"disk","guid":4,"class":"log","state":"ONLINE","read_errors":0,"write_errors":0,
        "checksum_errors":0,"slow_ios":0}},"l2cache":{"nvme-CACHE_1":{"name":"nvme-CACHE_1","vdev_type":"disk",
        "guid":5,"class":"l2cache","state":"FAULTED","aux":"ERR_EXCEEDED","read_errors":"1.46K",
        "write_errors":0,"checksum_errors":0,"slow_ios":0}},"error_count":0}}}
        """;

    [Fact]
    public void Parse_ManPageRaidzExample_ReadsHealthyAsOnlineAndIgnoresSpecialAndDedup()
    {
        var json = File.ReadAllText(TestPaths.Fixture(
            "zfs", "zpool-status-j-c-raidz1-with-dedup-mirror-and-special-online.json"));

        var pools = ZpoolStatusParser.Parse(json);

        var pool = Assert.Single(pools);
        Assert.Equal("tank", pool.Name);
        Assert.Equal("ONLINE", pool.State);
        var top = Assert.Single(pool.Vdevs);
        Assert.Equal(("raidz1-0", "raidz", "ONLINE"), (top.Name, top.VdevType, top.State));
        Assert.Equal(
            ["ca1eb824-c371-491d-ac13-37637e35c683", "97cd98fb-8fb8-4ac4-bc84-bd8950a7ace7",
                "e9ddba5f-f948-4734-a472-cb8aa5f0ff65"],
            top.Children.Select(c => c.Name));
        Assert.All(top.Children, c => Assert.Equal(("disk", "ONLINE"), (c.VdevType, c.State)));
        Assert.Empty(pool.Logs);
        Assert.Empty(pool.Cache);
    }

    [Fact]
    public void Parse_CodeStructureDocument_ReadsStatesLogsAndCache()
    {
        var pools = ZpoolStatusParser.Parse(BuiltMirrorWithLogAndCache);

        var pool = Assert.Single(pools);
        Assert.Equal("DEGRADED", pool.State);
        var mirror = Assert.Single(pool.Vdevs);
        Assert.Equal(("mirror-0", "mirror"), (mirror.Name, mirror.VdevType));
        Assert.Equal(
            [("ata-DISK_A", "ONLINE"), ("ata-DISK_B", "OFFLINE")], mirror.Children.Select(c => (c.Name, c.State)));
        Assert.Equal(("nvme-LOG_1", "ONLINE"), (pool.Logs[0].Name, pool.Logs[0].State));
        Assert.Equal(("nvme-CACHE_1", "FAULTED"), (pool.Cache[0].Name, pool.Cache[0].State));
    }

    [Fact]
    public void Parse_NoPools_ReturnsEmpty()
    {
        const string json =
            """{"output_version":{"command":"zpool status","vers_major":0,"vers_minor":1},"pools":{}}""";

        Assert.Empty(ZpoolStatusParser.Parse(json));
    }

    [Fact]
    public void Parse_PoolsKeyedByGuid_UsesTheNameMember()
    {
        var json = BuiltMirrorWithLogAndCache.Replace("\"pools\":{\"tank\":{", "\"pools\":{\"12297829382473034410\":{");

        var pool = Assert.Single(ZpoolStatusParser.Parse(json));

        Assert.Equal("tank", pool.Name);
        Assert.Single(pool.Vdevs);
    }

    [Fact]
    public void Parse_NotJson_ThrowsProviderException()
    {
        var ex = Assert.Throws<ProviderException>(() => ZpoolStatusParser.Parse("no pools available"));

        Assert.StartsWith("unable to parse zpool status output", ex.Message);
    }
}
