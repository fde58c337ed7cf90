namespace IncusOs.Providers.Systemd;

/// <summary>systemd refused a request or a job it ran did not end in <c>done</c>.</summary>
public sealed class SystemdException : ProviderException
{
    public SystemdException(string message)
        : base(message)
    {
    }

    public SystemdException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
