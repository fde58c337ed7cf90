using IncusOs.Actors.Common;
using IncusOs.Actors.Network;
using IncusOs.Daemon.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IncusOs.Daemon.Endpoints;

/// <summary>
/// <c>/1.0/system/network</c> (network.md): GET answers the config and fresh state; PUT and PATCH hand
/// the parsed body to the <see cref="NetworkActor"/>, which decodes it (PATCH onto the current config
/// with Go's merge rules) and applies it. An apply may take minutes, so those asks wait for it.
/// </summary>
public static class NetworkEndpoints
{
    public static Task<ApiResult> GetAsync(ApiRequest request) =>
        request.AskAsync<NetworkActor>(NetworkActor.GetNetwork.Instance);

    public static async Task<ApiResult> PutAsync(ApiRequest request)
    {
        var body = await ReadAsync(request).ConfigureAwait(false);

        return body.Error ?? await request.AskAsync<NetworkActor>(
            new NetworkActor.ReplaceNetwork(body.Value!), ApplyTimeout(request)).ConfigureAwait(false);
    }

    public static async Task<ApiResult> PatchAsync(ApiRequest request)
    {
        var body = await ReadAsync(request).ConfigureAwait(false);

        return body.Error ?? await request.AskAsync<NetworkActor>(
            new NetworkActor.PatchNetwork(body.Value!), ApplyTimeout(request)).ConfigureAwait(false);
    }

    private static async Task<BodyResult<Newtonsoft.Json.Linq.JToken>> ReadAsync(ApiRequest request)
    {
        var raw = await request.ReadRawAsync("EOF").ConfigureAwait(false);

        return raw.Error is not null
            ? BodyResult<Newtonsoft.Json.Linq.JToken>.Fail(raw.Error)
            : BodyReader.Parse(raw.Value!, null);
    }

    /// <summary>Long enough for a queued apply, the apply itself and the restore after a failure.</summary>
    private static TimeSpan ApplyTimeout(ApiRequest request)
    {
        var timeouts = request.Services.GetRequiredService<ActorTimeouts>();

        return timeouts.NetworkApply * 3 + timeouts.Ask;
    }
}
