using IncusOs.Actors.Update;
using IncusOs.Daemon.Http;

namespace IncusOs.Daemon.Endpoints;

/// <summary><c>/1.0/system/update</c>: read the config and state, replace the config, trigger a check.</summary>
public static class UpdateEndpoints
{
    public static Task<ApiResult> GetAsync(ApiRequest request) =>
        request.AskAsync<UpdateActor>(UpdateActor.GetUpdate.Instance);

    public static async Task<ApiResult> PutAsync(ApiRequest request)
    {
        var body = await request.ReadJsonAsync<SystemUpdate>().ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        // Only the config is used; state is read-only. A missing config replaces everything with zero values.
        var config = body.Value!.Config ?? new SystemUpdateConfig { UpdateFrequency = 0 };

        return await request.AskAsync<UpdateActor>(new UpdateActor.ReplaceConfig(config)).ConfigureAwait(false);
    }

    /// <summary>Answers at once: the check runs in the background, coalesced with one already queued.</summary>
    public static Task<ApiResult> PostAsync(ApiRequest request) =>
        request.AskAsync<UpdateActor>(UpdateActor.CheckNow.Instance);
}
