using IncusOs.Daemon.Http;

namespace IncusOs.Daemon.Endpoints;

/// <summary><c>GET /1.0/debug</c> (debug.md §1).</summary>
public static class DebugEndpoints
{
    private static readonly string[] Listing = ["/1.0/debug/log"];

    public static Task<ApiResult> GetAsync(ApiRequest request) => Task.FromResult(ApiResult.Sync(Listing));
}
