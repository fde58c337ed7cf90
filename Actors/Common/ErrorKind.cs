namespace IncusOs.Actors.Common;

/// <summary>The kinds of failure an actor can answer with; the daemon maps each to one status code.</summary>
public enum ErrorKind
{
    BadRequest,
    Forbidden,
    NotFound,
    Conflict,
    PayloadTooLarge,
    Internal,
    NotImplemented,
    Unavailable,
}
