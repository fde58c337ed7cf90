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
    private readonly ILogger<ApiMiddleware> _logger;

    public ApiMiddleware(RequestDelegate next, RouteTable routes, ActorGateway actors, ILogger<ApiMiddleware> logger)
    {
        _ = next;
        _routes = routes;
        _actors = actors;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var result = await DispatchAsync(context).ConfigureAwait(false);
        if (result is null || context.Response.HasStarted)
        {
            return;
        }

        await result.WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
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
        var body = Encoding.UTF8.GetBytes($"<a href=\"{System.Net.WebUtility.HtmlEncode(location)}\">Moved Permanently</a>.\n\n");

        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
