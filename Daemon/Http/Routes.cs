using IncusOs.Actors.Services;
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
        routes.Add("/1.0/system/resources", new() { ["GET"] = ResourcesEndpoints.GetAsync });
        routes.Add("/1.0/system/security", new()
        {
            ["GET"] = SecurityEndpoints.GetAsync,
            ["PUT"] = SecurityEndpoints.PutAsync,
            ["DELETE"] = SecurityEndpoints.DeleteAsync,
        });
        routes.Add("/1.0/system/update", new()
        {
            ["GET"] = UpdateEndpoints.GetAsync,
            ["PUT"] = UpdateEndpoints.PutAsync,
            ["POST"] = UpdateEndpoints.PostAsync,
        });
        routes.Add("/1.0/debug", new() { ["GET"] = DebugEndpoints.GetAsync });
        routes.Add("/1.0/services", new() { ["GET"] = ServicesEndpoints.ListAsync });
        routes.Add("/1.0/services/{name}", ServiceCatalog.IsKnown, new()
        {
            ["GET"] = ServicesEndpoints.GetAsync,
            ["PUT"] = ServicesEndpoints.UpdateAsync,
            ["POST"] = ServicesEndpoints.UpdateAsync,
        });
        routes.Add("/1.0/applications", new() { ["GET"] = ApplicationsEndpoints.ListAsync });
        routes.Add("/1.0/applications/{name}", new() { ["GET"] = ApplicationsEndpoints.GetAsync });
        routes.Add("/1.0/system/network", new()
        {
            ["GET"] = NetworkEndpoints.GetAsync,
            ["PUT"] = NetworkEndpoints.PutAsync,
            ["PATCH"] = NetworkEndpoints.PatchAsync,
        });
        routes.Add("/1.0/system/storage", new()
        {
            ["GET"] = StorageEndpoints.GetAsync,
            ["PUT"] = StorageEndpoints.PutAsync,
            ["DELETE"] = StorageEndpoints.DeleteAsync,
        });
        routes.Add("/1.0/system/storage/wipe", new() { ["POST"] = StorageEndpoints.WipeAsync });
        routes.Add("/1.0/debug/log", new() { ["GET"] = DebugEndpoints.GetLogAsync });

        return routes;
    }
}
