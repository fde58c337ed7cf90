namespace IncusOs.Providers.Process;

/// <summary>
/// A command that exited non-zero or could not be started. The message has the reference's form:
/// <c>Failed to run: cmd arg1 arg2: exit status N (stderr)</c>.
/// </summary>
public sealed class CommandFailedException : ProviderException
{
    public CommandFailedException(string commandLine, int exitCode, string stderr)
        : base(Format(commandLine, $"exit status {exitCode}", stderr))
    {
        ExitCode = exitCode;
        Stderr = stderr;
    }

    public CommandFailedException(string commandLine, string error, Exception inner)
        : base(Format(commandLine, error, string.Empty), inner)
    {
        ExitCode = -1;
        Stderr = string.Empty;
    }

    /// <summary>The exit status, or -1 when the command never ran.</summary>
    public int ExitCode { get; }

    public string Stderr { get; }

    private static string Format(string commandLine, string error, string stderr)
    {
        var trimmed = stderr.Trim();

        return trimmed.Length == 0
            ? $"Failed to run: {commandLine}: {error}"
            : $"Failed to run: {commandLine}: {error} ({trimmed})";
    }
}
