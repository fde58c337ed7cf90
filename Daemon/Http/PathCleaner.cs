namespace IncusOs.Daemon.Http;

/// <summary>
/// Go's <c>path.Clean</c> as its HTTP router applies it: unclean paths (<c>//</c>, <c>/./</c>,
/// <c>/../</c>) are redirected to the clean one, keeping a trailing slash.
/// </summary>
public static class PathCleaner
{
    public static string Clean(string path)
    {
        if (path.Length == 0)
        {
            return "/";
        }

        var parts = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (parts.Count > 0)
                    {
                        parts.RemoveAt(parts.Count - 1);
                    }

                    continue;
                default:
                    parts.Add(segment);
                    break;
            }
        }

        var clean = "/" + string.Join('/', parts);
        if (path.EndsWith('/') && clean != "/")
        {
            clean += "/";
        }

        return clean;
    }
}
