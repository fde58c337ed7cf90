using System.Collections.Concurrent;
using IncusOs.Providers.Process;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncusOs.Tests.Security;

/// <summary>The real process runner, recording every command line it was given.</summary>
internal sealed class RecordingProcessRunner : IProcessRunner
{
    private readonly ProcessRunner _inner = new(NullLogger<ProcessRunner>.Instance);

    public ConcurrentQueue<string> CommandLines { get; } = new();

    public Task<ProcessResult> RunAsync(
        string command, IReadOnlyList<string> args, ProcessOptions? options, CancellationToken cancellationToken)
    {
        CommandLines.Enqueue(ProcessRunner.CommandLine(command, args));

        return _inner.RunAsync(command, args, options, cancellationToken);
    }

    public Task RunLinesAsync(
        string command,
        IReadOnlyList<string> args,
        Func<string, CancellationToken, ValueTask> onLine,
        ProcessOptions? options,
        CancellationToken cancellationToken)
    {
        CommandLines.Enqueue(ProcessRunner.CommandLine(command, args));

        return _inner.RunLinesAsync(command, args, onLine, options, cancellationToken);
    }
}
