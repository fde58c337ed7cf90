namespace IncusOs.Actors.Update;

/// <summary>
/// An unexpected failure (a bug, a provider throwing something it should not) in a pass step. It carries
/// the step's status so that the actor records it before the supervisor restarts the actor.
/// </summary>
public sealed class UpdatePassFailedException : Exception
{
    public UpdatePassFailedException(string status, Exception inner)
        : base($"{status}: {inner.Message}", inner)
    {
        Status = status;
    }

    public string Status { get; }
}
