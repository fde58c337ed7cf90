using IncusOs.Daemon.Http;

namespace IncusOs.Tests.Http;

public sealed class PathCleanerTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/1.0", "/1.0")]
    [InlineData("/1.0/", "/1.0/")]
    [InlineData("//1.0", "/1.0")]
    [InlineData("/1.0//system", "/1.0/system")]
    [InlineData("/1.0/./system", "/1.0/system")]
    [InlineData("/1.0/x/../system", "/1.0/system")]
    [InlineData("/../1.0", "/1.0")]
    [InlineData("/1.0/system/.", "/1.0/system")]
    [InlineData("/1.0/services//", "/1.0/services/")]
    public void Clean_Path_GivesGoPathClean(string path, string expected)
    {
        var clean = PathCleaner.Clean(path);

        Assert.Equal(expected, clean);
    }
}
