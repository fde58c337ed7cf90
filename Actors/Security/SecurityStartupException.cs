namespace IncusOs.Actors.Security;

/// <summary>The first-start recovery key could not be enrolled (security.md §5: start-up fails).</summary>
public sealed class SecurityStartupException : Exception
{
    public SecurityStartupException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
