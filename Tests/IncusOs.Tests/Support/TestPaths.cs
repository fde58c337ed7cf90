namespace IncusOs.Tests.Support;

/// <summary>
/// Where the tests find the repository and the shared fixtures: <c>../shared/fixtures</c> beside the
/// clone, read in place (never copied into the project).
/// </summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    public static string Fixtures => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "fixtures"));

    public static string Fixture(params string[] parts) => Path.Combine([Fixtures, .. parts]);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IncusOs.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IncusOs.sln not found above " + AppContext.BaseDirectory);
    }
}
