using IncusOs.Actors.Storage;

namespace IncusOs.Tests.Storage;

public sealed class PoolTypesTests
{
    public static TheoryData<string, string[], string> LayoutCases => new()
    {
        { PoolTypes.Raid0, ["a", "b"], "a b" },
        { PoolTypes.Raid1, ["a", "b"], "mirror a b" },
        { PoolTypes.Raid10, ["a", "b", "c", "d"], "mirror a b mirror c d" },
        { PoolTypes.Raid10, ["a", "b", "c", "d", "e", "f"], "mirror a b c mirror d e f" },
        { PoolTypes.Raidz1, ["a", "b", "c"], "raidz1 a b c" },
        { PoolTypes.Raidz2, ["a", "b", "c"], "raidz2 a b c" },
        { PoolTypes.Raidz3, ["a", "b", "c", "d"], "raidz3 a b c d" },
    };

    [Theory]
    [MemberData(nameof(LayoutCases))]
    public void CreateLayout_EachType_GivesTheVdevSpecification(string type, string[] devices, string expected)
    {
        Assert.Equal(expected, string.Join(' ', PoolTypes.CreateLayout(type, devices, [], [])));
    }

    [Fact]
    public void CreateLayout_CacheThenLog_AfterTheData()
    {
        var layout = PoolTypes.CreateLayout(PoolTypes.Raid1, ["a", "b"], ["c"], ["l1", "l2"]);

        Assert.Equal("mirror a b cache c log l1 l2", string.Join(' ', layout));
    }

    [Fact]
    public void CreateLayout_UnknownType_Refuses()
    {
        var ex = Assert.Throws<StorageRefusal>(() => PoolTypes.CreateLayout("zfs-raid5", ["a"], [], []));

        Assert.Equal("unsupported pool type zfs-raid5", ex.Message);
    }

    [Theory]
    [InlineData(PoolTypes.Raid0, "")]
    [InlineData(PoolTypes.Raid1, "mirror")]
    [InlineData(PoolTypes.Raid10, "mirror")]
    [InlineData(PoolTypes.Raidz1, "raidz1-0")]
    [InlineData(PoolTypes.Raidz3, "raidz3-0")]
    public void UpdateKeyword_EachType_GivesTheZpoolWord(string type, string expected)
    {
        Assert.Equal(expected, PoolTypes.UpdateKeyword(type));
    }
}
