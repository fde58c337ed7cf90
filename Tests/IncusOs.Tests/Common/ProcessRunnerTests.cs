using System.Text;
using IncusOs.Providers.Process;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncusOs.Tests.Common;

public sealed class ProcessRunnerTests
{
    private readonly ProcessRunner _runner = new(NullLogger<ProcessRunner>.Instance);

    [Fact]
    public async Task Run_NonZeroExit_HasTheReferenceErrorText()
    {
        var error = await Assert.ThrowsAsync<CommandFailedException>(() => _runner.RunAsync(
            "sh", ["-c", "echo '  no such pool  ' >&2; exit 3"], null, CancellationToken.None));

        Assert.Equal("Failed to run: sh -c echo '  no such pool  ' >&2; exit 3: exit status 3 (no such pool)", error.Message);
        Assert.Equal(3, error.ExitCode);
    }

    [Fact]
    public async Task Run_MissingBinary_SaysSo()
    {
        var error = await Assert.ThrowsAsync<CommandFailedException>(() => _runner.RunAsync(
            "no-such-binary-here", ["x"], null, CancellationToken.None));

        Assert.StartsWith("Failed to run: no-such-binary-here x: exec: \"no-such-binary-here\"", error.Message);
    }

    [Fact]
    public async Task Run_ArgumentsWithSpacesAndQuotes_ReachTheChildUnchanged()
    {
        var result = await _runner.RunAsync("printf", ["%s|", "a b", "\"c\"", "$HOME", ";ls"], null, CancellationToken.None);

        Assert.Equal("a b|\"c\"|$HOME|;ls|\n", result.Stdout);
    }

    [Fact]
    public async Task Run_EnvironmentAndStdin_ReachTheChild()
    {
        var options = new ProcessOptions
        {
            Environment = new Dictionary<string, string> { ["SECRET"] = "s3cret" },
            Stdin = Encoding.UTF8.GetBytes("from-stdin"),
        };

        var result = await _runner.RunAsync("sh", ["-c", "printf %s \"$SECRET\"; cat"], options, CancellationToken.None);

        Assert.Equal("s3cretfrom-stdin\n", result.Stdout);
    }

    [Fact]
    public async Task Run_Cancelled_KillsTheChild()
    {
        using var cts = new CancellationTokenSource();
        var run = _runner.RunAsync("sleep", ["30"], null, cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task RunLines_ManyLines_StreamedOneByOne()
    {
        var count = 0;

        await _runner.RunLinesAsync(
            "seq", ["1", "20000"], (_, _) => { count++; return ValueTask.CompletedTask; }, null, CancellationToken.None);

        Assert.Equal(20000, count);
    }
}
