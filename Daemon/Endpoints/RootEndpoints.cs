using IncusOs.Actors.Machine;
using IncusOs.Daemon.Http;

namespace IncusOs.Daemon.Endpoints;

/// <summary><c>GET /</c> and <c>GET /1.0</c> (system.md §1, §2).</summary>
public static class RootEndpoints
{
    private static readonly string[] Versions = ["/1.0"];

    public static Task<ApiResult> GetVersionsAsync(ApiRequest request) => Task.FromResult(ApiResult.Sync(Versions));

    public static Task<ApiResult> GetRootAsync(ApiRequest request) =>
        request.AskAsync<SystemActor>(SystemActor.GetEnvironment.Instance);
}
