using IncusOs.Actors.Common;
using Microsoft.AspNetCore.Http;

namespace IncusOs.Daemon.Http;

/// <summary>The one table from an actor's kind of failure to the HTTP status of its envelope.</summary>
public static class StatusTable
{
    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.BadRequest => StatusCodes.Status400BadRequest,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.NotImplemented => StatusCodes.Status501NotImplemented,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
