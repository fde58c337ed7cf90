using Microsoft.AspNetCore.Http;

namespace IncusOs.Daemon.Http;

/// <summary>
/// A success envelope whose metadata is JSON text written straight to the body by
/// <paramref name="writeMetadata"/> (chunked, no Content-Length), for answers too large to hold in
/// memory. A client that goes away mid-stream simply ends the response.
/// </summary>
public sealed class StreamedSyncResult(Func<Stream, CancellationToken, Task> writeMetadata) : ApiResult
{
    public override int StatusCode => StatusCodes.Status200OK;

    public override async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCode;
        response.ContentType = Envelope.ContentType;
        try
        {
            await response.Body.WriteAsync(Envelope.SyncPrefixBytes.ToArray(), cancellationToken).ConfigureAwait(false);
            await writeMetadata(response.Body, cancellationToken).ConfigureAwait(false);
            await response.Body.WriteAsync(Envelope.SyncSuffixBytes.ToArray(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested
                                   && ex is OperationCanceledException or IOException)
        {
            // The client left; there is nobody to answer.
        }
    }
}
