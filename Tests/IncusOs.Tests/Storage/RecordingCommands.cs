using System.Text;

namespace IncusOs.Tests.Storage;

/// <summary>
/// Shell scripts named like the real tools, written into a temporary directory that is put first on
/// PATH. Each appends its argument vector to <c>calls.log</c> and answers only the exact vectors it
/// was told about (stdout from a file read in place, stderr, exit status); any other vector exits 99.
/// </summary>
public sealed class RecordingCommands : IDisposable
{
    private readonly Dictionary<string, List<(string Args, string Script)>> _cases = new(StringComparer.Ordinal);
    private readonly string? _previousPath;

    public RecordingCommands()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("storage-cmds-").FullName;
        _previousPath = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", Directory + ":" + _previousPath);
    }

    public string Directory { get; }

    public string LogPath => Path.Combine(Directory, "calls.log");

    /// <summary>Every command line run so far, in order.</summary>
    public IReadOnlyList<string> Calls => File.Exists(LogPath) ? File.ReadAllLines(LogPath) : [];

    /// <summary>Answers <paramref name="command"/> run with exactly <paramref name="args"/>.</summary>
    public RecordingCommands On(
        string command,
        string args,
        int exit = 0,
        string? stdoutFile = null,
        string? stdout = null,
        string? stderr = null)
    {
        var script = new StringBuilder();
        if (stdout is not null)
        {
            var file = Path.Combine(Directory, $"out-{Guid.NewGuid():N}");
            File.WriteAllText(file, stdout);
            stdoutFile = file;
        }

        if (stdoutFile is not null)
        {
            script.Append($"cat '{stdoutFile}'; ");
        }

        if (stderr is not null)
        {
            var file = Path.Combine(Directory, $"err-{Guid.NewGuid():N}");
            File.WriteAllText(file, stderr);
            script.Append($"cat '{file}' >&2; ");
        }

        script.Append($"exit {exit}");
        if (!_cases.TryGetValue(command, out var list))
        {
            _cases[command] = list = [];
        }

        list.Add((args, script.ToString()));
        Write(command);

        return this;
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PATH", _previousPath);
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private void Write(string command)
    {
        var text = new StringBuilder("#!/bin/sh\n");
        text.Append($"printf '%s\\n' \"{command} $*\" >> '{LogPath}'\n");
        text.Append("case \"$*\" in\n");
        foreach (var (args, script) in _cases[command])
        {
            text.Append($"'{args}') {script} ;;\n");
        }

        text.Append($"*) echo \"unexpected argv: {command} $*\" >&2; exit 99 ;;\nesac\n");
        var path = Path.Combine(Directory, command);
        File.WriteAllText(path, text.ToString());
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
