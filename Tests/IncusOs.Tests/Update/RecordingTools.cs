namespace IncusOs.Tests.Update;

/// <summary>
/// Shell scripts named like the host tools that record their argv (one argument per line, then <c>@@end@@</c>)
/// and exit with the status written in <c>NAME.exit</c>, if any. Prepended to PATH while alive.
/// </summary>
public sealed class RecordingTools : IDisposable
{
    private readonly string? _path;

    public RecordingTools(params string[] tools)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("incus-osd-tools-").FullName;
        foreach (var tool in tools)
        {
            var script = Path.Combine(Directory, tool);
            File.WriteAllText(script, $$"""
                #!/bin/sh
                { basename "$0"; for a in "$@"; do printf '%s\n' "$a"; done; echo @@end@@; } >> '{{LogPath}}'
                if [ -f "$0.exit" ]; then echo "{{tool}} failed on purpose" >&2; exit "$(cat "$0.exit")"; fi
                exit 0

                """);
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        _path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", Directory + ":" + _path);
    }

    public string Directory { get; }

    private string LogPath => Path.Combine(Directory, "calls.log");

    /// <summary>Every recorded call as its argv, oldest first.</summary>
    public IReadOnlyList<string[]> Calls =>
        File.Exists(LogPath)
            ? File.ReadAllText(LogPath).Split("@@end@@\n", StringSplitOptions.RemoveEmptyEntries)
                .Select(call => call.TrimEnd('\n').Split('\n')).ToList()
            : [];

    public void FailWith(string tool, int status) =>
        File.WriteAllText(Path.Combine(Directory, tool + ".exit"), $"{status}");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PATH", _path);
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
