namespace IncusOs.Providers.Security;

/// <summary>The two os-release fields that name the running UKI: <c>NAME</c> and <c>IMAGE_VERSION</c>.</summary>
public sealed record OsRelease(string Name, string Version)
{
    public static OsRelease Parse(string text)
    {
        var fields = text.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Contains('=') && !l.StartsWith('#'))
            .Select(l => (Key: l[..l.IndexOf('=')], Value: l[(l.IndexOf('=') + 1)..].Trim('"', '\'')))
            .GroupBy(f => f.Key)
            .ToDictionary(g => g.Key, g => g.Last().Value);

        return new OsRelease(
            fields.GetValueOrDefault("NAME", string.Empty), fields.GetValueOrDefault("IMAGE_VERSION", string.Empty));
    }
}
