using IncusOs.Daemon.Endpoints;

namespace IncusOs.Daemon.Http;

/// <summary>Every route of the API, in one place (spec README §2).</summary>
public static class Routes
{
    public static RouteTable Build()
    {
        var routes = new RouteTable();
        routes.Add("/", new() { ["GET"] = RootEndpoints.GetVersionsAsync });
        routes.Add("/1.0", new() { ["GET"] = RootEndpoints.GetRootAsync });
        routes.Add("/1.0/system", new() { ["PUT"] = SystemEndpoints.PutAsync });
        routes.Add("/1.0/system/security", new()
        {
            ["GET"] = SecurityEndpoints.GetAsync,
            ["PUT"] = SecurityEndpoints.PutAsync,
            ["DELETE"] = SecurityEndpoints.DeleteAsync,
        });
        routes.Add("/1.0/debug", new() { ["GET"] = DebugEndpoints.GetAsync });
        routes.Add("/1.0/debug/log", new() { ["GET"] = DebugEndpoints.GetLogAsync });

        return routes;
    }
}
