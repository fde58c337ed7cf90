using System.Globalization;
using System.Text;
using Akka.Actor;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IncusOs.Daemon.Http;

/// <summary>
/// The whole HTTP surface: redirects unclean paths, matches the route table, applies the 404/501
/// rules of spec README §2, runs the handler, and turns stray exceptions into a 500 envelope.
/// </summary>
public sealed class ApiMiddleware
{
    private readonly RouteTable _routes;
    private readonly ActorGateway _actors;
    private readonly PeerPolicy _peers;
    private readonly TimeProvider _time;
    private readonly ILogger<ApiMiddleware> _logger;

    public ApiMiddleware(
        RequestDelegate next,
        RouteTable routes,
        ActorGateway actors,
        PeerPolicy peers,
        TimeProvider time,
        ILogger<ApiMiddleware> logger)
    {
        _ = next;
        _routes = routes;
        _actors = actors;
        _peers = peers;
        _time = time;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var started = _time.GetTimestamp();
        var peer = PeerCredentials.Read(context);
        var result = peer is { } p && !_peers.Allows(p)
            ? ApiResult.Error(StatusCodes.Status403Forbidden, $"access denied for uid {p.Uid}")
            : await DispatchAsync(context).ConfigureAwait(false);
        if (result is not null && !context.Response.HasStarted)
        {
            await DrainAsync(context).ConfigureAwait(false);
            await result.WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
        }

        if (!HttpMethods.IsGet(context.Request.Method) || context.Response.StatusCode == StatusCodes.Status403Forbidden)
        {
            // The audit line: who changed (or tried to change) what, never the body. A client that left
            // before the answer got none; the operation it started may still be running.
            var outcome = context.Response.HasStarted || !context.RequestAborted.IsCancellationRequested
                ? context.Response.StatusCode.ToString(CultureInfo.InvariantCulture)
                : "client went away";
            _logger.LogInformation(
                "API {Method} {Path} by uid {Uid} pid {Pid}: {Outcome} in {ElapsedMs:F1} ms",
                context.Request.Method,
                context.Request.Path.Value,
                peer?.Uid,
                peer?.Pid,
                outcome,
                _time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private async Task<ApiResult?> DispatchAsync(HttpContext context)
    {
        var request = context.Request;
        var rawPath = RawPath(context);
        var clean = PathCleaner.Clean(rawPath);
        if (clean != rawPath)
        {
            await RedirectAsync(context, clean).ConfigureAwait(false);
            return null;
        }

        var path = request.Path.HasValue ? request.Path.Value! : "/";
        var method = request.Method;
        var route = _routes.Match(path, out var parameters);
        if (route is null)
        {
            return method == HttpMethods.Get ? ApiResult.NotFound() : ApiResult.NotImplemented();
        }

        if (route.KnownName is not null && parameters.TryGetValue("name", out var name) && !route.KnownName(name))
        {
            return ApiResult.NotFound();
        }

        if (!route.Handlers.TryGetValue(method, out var handler))
        {
            return ApiResult.NotImplemented();
        }

        try
        {
            return await handler(new ApiRequest(context, parameters, _actors)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            _logger.LogDebug("Client went away during {Method} {Path}", method, path);
            return null;
        }
        catch (AskTimeoutException ex)
        {
            _logger.LogWarning("Timed out answering {Method} {Path}: {Reason}", method, path, ex.Message);
            return ApiResult.Error(StatusCodes.Status503ServiceUnavailable, ex.Message);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Unhandled failure answering {Method} {Path}", method, path);
            return ApiResult.Error(StatusCodes.Status500InternalServerError, ex.Message);
        }
    }

    /// <summary>
    /// Reads what the handler left of the body, so a client still sending it gets the answer instead
    /// of a broken pipe; past a bound the connection is closed after the answer instead.
    /// </summary>
    private static async Task DrainAsync(HttpContext context)
    {
        const int limit = 4 * BodyReader.MaxBodyBytes;
        var buffer = new byte[16 * 1024];
        var drained = 0;
        try
        {
            var body = context.Request.Body;
            int read;
            while (drained < limit
                   && (read = await body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                drained += read;
            }
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException or InvalidOperationException)
        {
            // A broken upload: the answer is still worth trying.
        }

        if (drained >= limit)
        {
            context.Response.Headers.Connection = "close";
        }
    }

    private static string RawPath(HttpContext context)
    {
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget
            ?? context.Request.Path.Value ?? "/";
        var query = target.IndexOf('?', StringComparison.Ordinal);

        return query >= 0 ? target[..query] : target;
    }

    private static Task RedirectAsync(HttpContext context, string clean)
    {
        var location = clean + context.Request.QueryString.Value;
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = location;
        context.Response.ContentType = "text/html; charset=utf-8";
        var href = System.Net.WebUtility.HtmlEncode(location);
        var body = Encoding.UTF8.GetBytes($"<a href=\"{href}\">Moved Permanently</a>.\n\n");

        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
