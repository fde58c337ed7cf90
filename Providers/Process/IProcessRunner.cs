namespace IncusOs.Providers.Process;

/// <summary>
/// Runs external commands with an argument vector (never a shell), capturing stdout and stderr.
/// A non-zero exit becomes a <see cref="CommandFailedException"/>; cancellation kills the child.
/// </summary>
public interface IProcessRunner
{
    Task<ProcessResult> RunAsync(
        string command, IReadOnlyList<string> args, ProcessOptions? options, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a command and hands each stdout line to <paramref name="onLine"/> as it arrives, so that
    /// long outputs are never held in memory. Throws like <see cref="RunAsync"/> when the exit is non-zero.
    /// </summary>
    Task RunLinesAsync(
        string command,
        IReadOnlyList<string> args,
        Func<string, CancellationToken, ValueTask> onLine,
        ProcessOptions? options,
        CancellationToken cancellationToken);
}
