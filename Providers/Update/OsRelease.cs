namespace IncusOs.Providers.Update;

/// <summary>Reads the image name and version from an <c>os-release</c> file (man os-release).</summary>
internal static class OsRelease
{
    public static (string Name, string Version) Read(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0 && !line.StartsWith('#'))
                {
                    values[line[..eq].Trim()] = line[(eq + 1)..].Trim().Trim('"', '\'');
                }
            }
        }

        var name = values.GetValueOrDefault("IMAGE_ID") ?? values.GetValueOrDefault("NAME") ?? "IncusOS";
        var version = values.GetValueOrDefault("IMAGE_VERSION")
            ?? values.GetValueOrDefault("VERSION_ID")
            ?? string.Empty;

        return (name, version);
    }
}
