namespace IncusOs.Daemon.Http;

/// <summary>
/// Paths and the methods each accepts. A <c>{name}</c> segment matches exactly one non-empty segment.
/// Unknown paths and methods are answered by <see cref="ApiMiddleware"/> (spec README §2).
/// </summary>
public sealed class RouteTable
{
    private readonly List<Route> _routes = [];

    public IReadOnlyList<Route> Routes => _routes;

    /// <summary>Adds a path with its handlers by method (upper case).</summary>
    public void Add(string pattern, Dictionary<string, RouteHandler> handlers) =>
        _routes.Add(new Route(pattern, pattern.Split('/'), handlers, null));

    /// <summary>
    /// Adds a path whose <c>{name}</c> is checked before the method: an unknown name is 404 for every
    /// method (spec README §2, services).
    /// </summary>
    public void Add(string pattern, Func<string, bool> knownName, Dictionary<string, RouteHandler> handlers) =>
        _routes.Add(new Route(pattern, pattern.Split('/'), handlers, knownName));

    public Route? Match(string path, out Dictionary<string, string> parameters)
    {
        parameters = [];
        var segments = path.Split('/');
        foreach (var route in _routes)
        {
            if (route.Segments.Length != segments.Length)
            {
                continue;
            }

            Dictionary<string, string>? found = null;
            var matched = true;
            for (var i = 0; i < segments.Length && matched; i++)
            {
                var part = route.Segments[i];
                if (part.StartsWith('{') && part.EndsWith('}'))
                {
                    matched = segments[i].Length > 0;
                    (found ??= [])[part[1..^1]] = segments[i];
                }
                else
                {
                    matched = string.Equals(part, segments[i], StringComparison.Ordinal);
                }
            }

            if (matched)
            {
                parameters = found ?? [];
                return route;
            }
        }

        return null;
    }

    public sealed record Route(
        string Pattern,
        string[] Segments,
        IReadOnlyDictionary<string, RouteHandler> Handlers,
        Func<string, bool>? KnownName);
}
