using IncusOs.Actors.Common;
using IncusOs.Actors.Debug;
using IncusOs.Daemon.Http;
using IncusOs.Providers.Journal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IncusOs.Daemon.Endpoints;

/// <summary><c>GET /1.0/debug</c> and <c>GET /1.0/debug/log</c> (debug.md).</summary>
public static class DebugEndpoints
{
    private static readonly string[] Listing = ["/1.0/debug/log"];

    public static Task<ApiResult> GetAsync(ApiRequest request) => Task.FromResult(ApiResult.Sync(Listing));

    /// <summary>
    /// The journal as <c>journalctl -o json</c> gives it, streamed from the actor's spool. An undecodable
    /// query string or a malformed value is a 400 here (the reference answers 500; DECISIONS.md: bad
    /// input is the client's).
    /// </summary>
    public static async Task<ApiResult> GetLogAsync(ApiRequest request)
    {
        var (query, error) = LogQueryString.Parse(request.Http.Request.QueryString.Value);
        error ??= LogQueryString.Check(query!);
        if (error is not null)
        {
            return ApiResult.Error(StatusCodes.Status400BadRequest, error);
        }

        var timeouts = request.Services.GetRequiredService<ActorTimeouts>();
        var reply = await request.AskRawAsync<DebugActor>(
            new DebugActor.GetLog(query!, request.Aborted), timeouts.DebugLog + timeouts.Ask).ConfigureAwait(false);
        if (reply is not JournalEntries entries)
        {
            return ApiResult.FromReply(reply);
        }

        request.Http.Response.RegisterForDispose(entries);

        return ApiResult.SyncStream(entries.WriteArrayAsync);
    }
}
