namespace IncusOs.Actors.Common;

/// <summary>
/// An actor's "no": the kind of failure and the operator-facing message. Actors answer HTTP-facing
/// asks with a success record or one of these, never with an exception.
/// </summary>
public sealed record Rejection(ErrorKind Kind, string Message)
{
    public static Rejection BadRequest(string message) => new(ErrorKind.BadRequest, message);

    public static Rejection NotFound() => new(ErrorKind.NotFound, "not found");

    public static Rejection Internal(string message) => new(ErrorKind.Internal, message);

    public static Rejection NotImplemented(string message) => new(ErrorKind.NotImplemented, message);

    public static Rejection Unavailable(string message) => new(ErrorKind.Unavailable, message);
}
