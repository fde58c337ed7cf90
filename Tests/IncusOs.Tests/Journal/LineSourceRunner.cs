using IncusOs.Providers.Process;

namespace IncusOs.Tests.Journal;

/// <summary>
/// A process runner whose command prints <see cref="LineCount"/> generated journal lines; before each
/// line it calls <see cref="BeforeLine"/>, so a test can look at what the consumer did so far.
/// </summary>
public sealed class LineSourceRunner : IProcessRunner
{
    public LineSourceRunner(int lineCount)
    {
        LineCount = lineCount;
    }

    public int LineCount { get; }

    public Action<int, long>? BeforeLine { get; init; }

    public static string Line(int i) =>
        $"{{\"__CURSOR\":\"s=1;i={i:x}\",\"MESSAGE\":\"entry {i} with some padding to look like a real one\","
        + $"\"_BOOT_ID\":\"cccccccccccccccccccccccccccccccc\",\"PRIORITY\":\"6\"}}";

    public Task<ProcessResult> RunAsync(
        string command, IReadOnlyList<string> args, ProcessOptions? options, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public async Task RunLinesAsync(
        string command,
        IReadOnlyList<string> args,
        Func<string, CancellationToken, ValueTask> onLine,
        ProcessOptions? options,
        CancellationToken cancellationToken)
    {
        long produced = 0;
        for (var i = 0; i < LineCount; i++)
        {
            BeforeLine?.Invoke(i, produced);
            var line = Line(i);
            produced += line.Length + 1;
            await onLine(line, cancellationToken);
        }
    }
}
