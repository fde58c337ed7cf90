using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace IncusOs.Providers.Process;

/// <summary>The one way this daemon runs a command: argv only, stderr kept for the error text.</summary>
public sealed class ProcessRunner : IProcessRunner
{
    private readonly ILogger<ProcessRunner> _logger;

    public ProcessRunner(ILogger<ProcessRunner> logger)
    {
        _logger = logger;
    }

    public async Task<ProcessResult> RunAsync(
        string command, IReadOnlyList<string> args, ProcessOptions? options, CancellationToken cancellationToken)
    {
        var stdout = new StringBuilder();
        var stderr = await RunCoreAsync(
            command,
            args,
            (line, _) =>
            {
                stdout.Append(line).Append('\n');
                return ValueTask.CompletedTask;
            },
            options,
            cancellationToken).ConfigureAwait(false);

        return new ProcessResult(stdout.ToString(), stderr);
    }

    public Task RunLinesAsync(
        string command,
        IReadOnlyList<string> args,
        Func<string, CancellationToken, ValueTask> onLine,
        ProcessOptions? options,
        CancellationToken cancellationToken) =>
        RunCoreAsync(command, args, onLine, options, cancellationToken);

    /// <summary>The command line as the reference prints it in errors: words joined by spaces.</summary>
    public static string CommandLine(string command, IReadOnlyList<string> args) =>
        args.Count == 0 ? command : command + " " + string.Join(' ', args);

    private async Task<string> RunCoreAsync(
        string command,
        IReadOnlyList<string> args,
        Func<string, CancellationToken, ValueTask> onLine,
        ProcessOptions? options,
        CancellationToken cancellationToken)
    {
        options ??= ProcessOptions.Default;
        var commandLine = CommandLine(command, args);
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (options.WorkingDirectory is not null)
        {
            info.WorkingDirectory = options.WorkingDirectory;
        }

        if (options.Environment is not null)
        {
            foreach (var (key, value) in options.Environment)
            {
                info.Environment[key] = value;
            }
        }

        _logger.LogDebug("Running {Command}", commandLine);
        using var process = new System.Diagnostics.Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // Go's exec reports a missing binary as `exec: "name": executable file not found in $PATH`.
            throw new CommandFailedException(
                commandLine, $"exec: \"{command}\": executable file not found in $PATH", ex);
        }

        using var kill = cancellationToken.Register(() => TryKill(process));
        var stderrTask = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var stdinTask = WriteStdinAsync(process, options.Stdin);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(CancellationToken.None).ConfigureAwait(false)
                   is { } line)
            {
                await onLine(line, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            TryKill(process);
            throw;
        }

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        var stderr = await stderrTask.ConfigureAwait(false);
        await stdinTask.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (process.ExitCode != 0)
        {
            throw new CommandFailedException(commandLine, process.ExitCode, stderr);
        }

        return stderr;
    }

    private static async Task WriteStdinAsync(System.Diagnostics.Process process, ReadOnlyMemory<byte>? stdin)
    {
        try
        {
            if (stdin is { } bytes)
            {
                await process.StandardInput.BaseStream.WriteAsync(bytes).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child exited without reading its input; its exit status tells the story.
        }
    }

    private static void TryKill(System.Diagnostics.Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
