using IncusOs.Actors.Common;
using Microsoft.AspNetCore.Http;

namespace IncusOs.Daemon.Http;

/// <summary>
/// What a route handler answers: written to the response by <see cref="WriteAsync"/>. Every JSON
/// answer goes through <see cref="Envelope"/>, so success and error share one shape.
/// </summary>
public abstract class ApiResult
{
    /// <summary>The empty success: metadata <c>{}</c>.</summary>
    public static ApiResult Empty { get; } = new SyncResult(EmptyObject.Instance);

    public abstract int StatusCode { get; }

    public static ApiResult Sync(object? metadata) => new SyncResult(metadata);

    /// <summary>A success whose metadata JSON is streamed to the body (see <see cref="StreamedSyncResult"/>).</summary>
    public static ApiResult SyncStream(Func<Stream, CancellationToken, Task> writeMetadata) =>
        new StreamedSyncResult(writeMetadata);

    public static ApiResult Error(int status, string message) => new ErrorResult(status, message);

    public static ApiResult NotFound() => new ErrorResult(StatusCodes.Status404NotFound, "not found");

    public static ApiResult NotImplemented() =>
        new ErrorResult(StatusCodes.Status501NotImplemented, "not implemented");

    /// <summary>Maps an actor's reply: a rejection to its error envelope, <see cref="Done"/> to <c>{}</c>.</summary>
    public static ApiResult FromReply(object reply) => reply switch
    {
        ApiResult result => result,
        Rejection rejection => new ErrorResult(StatusTable.For(rejection.Kind), rejection.Message),
        Done => Empty,
        _ => new SyncResult(reply),
    };

    public abstract Task WriteAsync(HttpResponse response, CancellationToken cancellationToken);

    private sealed class SyncResult(object? metadata) : ApiResult
    {
        public override int StatusCode => StatusCodes.Status200OK;

        public override Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
        {
            response.StatusCode = StatusCode;
            response.ContentType = Envelope.ContentType;
            var bytes = Envelope.Sync(metadata);
            response.ContentLength = bytes.Length;

            return response.Body.WriteAsync(bytes, cancellationToken).AsTask();
        }
    }

    private sealed class ErrorResult(int status, string message) : ApiResult
    {
        public override int StatusCode => status;

        public override Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
        {
            response.StatusCode = status;
            response.ContentType = Envelope.ContentType;
            response.Headers.XContentTypeOptions = "nosniff";
            var bytes = Envelope.Error(status, message);
            response.ContentLength = bytes.Length;

            return response.Body.WriteAsync(bytes, cancellationToken).AsTask();
        }

        public override string ToString() => $"{status} {message}";
    }

    /// <summary>Serialises as <c>{}</c>.</summary>
    private sealed class EmptyObject
    {
        public static readonly EmptyObject Instance = new();
    }
}
