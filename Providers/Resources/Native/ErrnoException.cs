namespace IncusOs.Providers.Resources.Native;

/// <summary>A system call that failed, with its errno, so callers can tell EOPNOTSUPP and ENODEV apart.</summary>
public sealed class ErrnoException : Exception
{
    public ErrnoException(string operation, int errno)
        : base($"{operation}: {ErrnoText.Of(errno)}")
    {
        Errno = errno;
    }

    public int Errno { get; }
}
