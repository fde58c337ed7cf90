using IncusOs.Actors.Resources;
using IncusOs.Daemon.Http;

namespace IncusOs.Daemon.Endpoints;

/// <summary><c>GET /1.0/system/resources</c>: the Incus host resources document (system.md §4).</summary>
public static class ResourcesEndpoints
{
    public static Task<ApiResult> GetAsync(ApiRequest request) =>
        request.AskAsync<ResourcesActor>(ResourcesActor.GetResources.Instance);
}
