namespace IncusOs.Providers;

/// <summary>
/// A failure of the outside world as a provider saw it: a command that failed, a file that could not
/// be read, a device that refused. The message is meant for the operator and ends up in the error
/// envelope, so it never holds a secret.
/// </summary>
public class ProviderException : Exception
{
    public ProviderException(string message)
        : base(message)
    {
    }

    public ProviderException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
