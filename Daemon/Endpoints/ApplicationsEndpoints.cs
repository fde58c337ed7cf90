using IncusOs.Actors.Applications;
using IncusOs.Daemon.Http;

namespace IncusOs.Daemon.Endpoints;

/// <summary><c>/1.0/applications</c> and <c>/1.0/applications/{name}</c> (applications.md §2, §3).</summary>
public static class ApplicationsEndpoints
{
    public static Task<ApiResult> ListAsync(ApiRequest request) =>
        request.AskAsync<ApplicationsActor>(ApplicationsActor.GetApplications.Instance);

    /// <summary>The route table answers other methods with 501 first; an unknown name is 404 here.</summary>
    public static Task<ApiResult> GetAsync(ApiRequest request) =>
        request.AskAsync<ApplicationsActor>(new ApplicationsActor.GetApplication(request.Param("name")!));
}
