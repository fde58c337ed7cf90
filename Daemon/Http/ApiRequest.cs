using Akka.Actor;
using Microsoft.AspNetCore.Http;

namespace IncusOs.Daemon.Http;

/// <summary>
/// One request as a route handler sees it: the route parameters, the body decoders and the actors.
/// </summary>
public sealed class ApiRequest
{
    private readonly IReadOnlyDictionary<string, string> _parameters;
    private readonly ActorGateway _actors;
    private byte[]? _body;

    public ApiRequest(HttpContext http, IReadOnlyDictionary<string, string> parameters, ActorGateway actors)
    {
        Http = http;
        _parameters = parameters;
        _actors = actors;
    }

    public HttpContext Http { get; }

    public CancellationToken Aborted => Http.RequestAborted;

    public IServiceProvider Services => Http.RequestServices;

    /// <summary>A path parameter such as <c>{name}</c>, percent-decoded.</summary>
    public string? Param(string name) => _parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>Asks an area actor and maps its reply; a timeout becomes a 503 envelope.</summary>
    public async Task<ApiResult> AskAsync<TActorKey>(object message, TimeSpan? timeout = null)
    {
        try
        {
            return ApiResult.FromReply(await AskRawAsync<TActorKey>(message, timeout).ConfigureAwait(false));
        }
        catch (AskTimeoutException ex)
        {
            return ApiResult.Error(StatusCodes.Status503ServiceUnavailable, TimeoutMessage(typeof(TActorKey), ex));
        }
    }

    /// <summary>Asks an area actor and returns its raw reply; throws <see cref="AskTimeoutException"/>.</summary>
    public Task<object> AskRawAsync<TActorKey>(object message, TimeSpan? timeout = null) =>
        _actors.AskAsync(typeof(TActorKey), message, timeout, Aborted);

    public void Tell<TActorKey>(object message) => _actors.Tell(typeof(TActorKey), message);

    public async Task<BodyResult<T>> ReadJsonAsync<T>(string? emptyMessage = null)
        where T : class
    {
        var raw = await ReadBodyAsync().ConfigureAwait(false);

        return raw.Error is not null ? BodyResult<T>.Fail(raw.Error) : BodyReader.Decode<T>(raw.Value!, emptyMessage);
    }

    public async Task<BodyResult<T>> ReadJsonOntoAsync<T>(T current)
        where T : class
    {
        var raw = await ReadBodyAsync().ConfigureAwait(false);

        return raw.Error is not null ? BodyResult<T>.Fail(raw.Error) : BodyReader.DecodeOnto(raw.Value!, current);
    }

    public async Task<BodyResult<byte[]>> ReadRawAsync(string emptyMessage)
    {
        var raw = await ReadBodyAsync().ConfigureAwait(false);
        if (raw.Error is not null)
        {
            return raw;
        }

        return raw.Value!.Length == 0
            ? BodyResult<byte[]>.Fail(ApiResult.Error(StatusCodes.Status400BadRequest, emptyMessage))
            : raw;
    }

    private async Task<BodyResult<byte[]>> ReadBodyAsync()
    {
        if (_body is not null)
        {
            return BodyResult<byte[]>.Ok(_body);
        }

        var result = await BodyReader.ReadRawAsync(Http.Request, Aborted).ConfigureAwait(false);
        _body = result.Value;

        return result;
    }

    private static string TimeoutMessage(Type key, AskTimeoutException ex) =>
        ex.Message.Contains("did not start", StringComparison.Ordinal)
            ? ex.Message
            : $"the {ActorGateway.AreaName(key)} subsystem did not answer in time";
}
