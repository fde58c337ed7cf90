using IncusOs.Providers.Process;

namespace IncusOs.Tests.Journal;

/// <summary>
/// Runs one command name through a replacement executable (a wrapper script), with the argument
/// vector unchanged, and reports failures under the original name, so the provider's argv and error
/// text are what the real command would see and give. Records every argv it ran.
/// </summary>
public sealed class RedirectingRunner : IProcessRunner
{
    private readonly IProcessRunner _inner;
    private readonly string _command;
    private readonly string _replacement;

    public RedirectingRunner(IProcessRunner inner, string command, string replacement)
    {
        _inner = inner;
        _command = command;
        _replacement = replacement;
    }

    public List<IReadOnlyList<string>> Calls { get; } = [];

    public Task<ProcessResult> RunAsync(
        string command, IReadOnlyList<string> args, ProcessOptions? options, CancellationToken cancellationToken) =>
        Rename(command, args, () => _inner.RunAsync(Map(command, args), args, options, cancellationToken));

    public Task RunLinesAsync(
        string command,
        IReadOnlyList<string> args,
        Func<string, CancellationToken, ValueTask> onLine,
        ProcessOptions? options,
        CancellationToken cancellationToken) =>
        Rename(command, args, async () =>
        {
            await _inner.RunLinesAsync(Map(command, args), args, onLine, options, cancellationToken);
            return true;
        });

    private string Map(string command, IReadOnlyList<string> args)
    {
        Calls.Add([command, .. args]);

        return command == _command ? _replacement : command;
    }

    private static async Task<T> Rename<T>(string command, IReadOnlyList<string> args, Func<Task<T>> run)
    {
        try
        {
            return await run();
        }
        catch (CommandFailedException ex) when (ex.ExitCode >= 0)
        {
            throw new CommandFailedException(ProcessRunner.CommandLine(command, args), ex.ExitCode, ex.Stderr);
        }
    }
}
