using IncusOs.Providers.Process;
using IncusOs.Providers.Systemd;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncusOs.Tests.Services;

/// <summary>
/// Recording executables for the service tools in a temporary <c>bin</c> directory, run by the real
/// process runner, plus recording systemd units; both append to one log, so the order of tool runs
/// and unit jobs can be checked together. <see cref="Root"/> stands for <c>/</c>.
/// </summary>
public sealed class RecordingTools : IDisposable
{
    private static readonly string[] Tools =
    [
        "iscsi-iname", "iscsiadm", "nvme", "multipath", "vgchange", "ovs-vsctl", "usbip", "modprobe",
        "systemd-sysusers",
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("incus-osd-tools-").FullName;

    public RecordingTools()
    {
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(Root);
        File.WriteAllText(LogPath, string.Empty);
        foreach (var tool in Tools)
        {
            Script(tool);
        }

        Runner = new BinRunner(new ProcessRunner(NullLogger<ProcessRunner>.Instance), Bin);
        Units = new RecordingUnits(this);
    }

    public string Root => Path.Combine(_directory, "root");

    public IProcessRunner Runner { get; }

    public RecordingUnits Units { get; }

    /// <summary>Every tool run (<c>tool arg...</c>) and unit job (<c>systemctl verb unit</c>) in order.</summary>
    public IReadOnlyList<string> Calls => File.ReadAllLines(LogPath);

    private string Bin => Path.Combine(_directory, "bin");

    private string LogPath => Path.Combine(_directory, "calls.log");

    /// <summary>(Re)writes a tool: what it prints and how it exits; every run is recorded.</summary>
    public void Script(string tool, string stdout = "", int exit = 0, string stderr = "")
    {
        File.WriteAllText(Path.Combine(Bin, tool + ".out"), stdout);
        File.WriteAllText(Path.Combine(Bin, tool + ".err"), stderr);
        var path = Path.Combine(Bin, tool);
        File.WriteAllText(path, $$"""
            #!/bin/sh
            { printf '%s' '{{tool}}'; for a in "$@"; do printf ' %s' "$a"; done; printf '\n'; } >> '{{LogPath}}'
            cat '{{path}}.out'
            cat '{{path}}.err' >&2
            exit {{exit}}

            """);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string ReadFile(string absolute) => File.ReadAllText(PathOf(absolute));

    public UnixFileMode ModeOf(string absolute) => File.GetUnixFileMode(PathOf(absolute));

    public string PathOf(string absolute) => Path.Combine(Root, absolute.TrimStart('/'));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    internal void Record(string line)
    {
        lock (this)
        {
            File.AppendAllText(LogPath, line + "\n");
        }
    }

    /// <summary>Runs a tool from the recording <c>bin</c> directory instead of the PATH.</summary>
    private sealed class BinRunner(IProcessRunner inner, string bin) : IProcessRunner
    {
        public Task<ProcessResult> RunAsync(
            string command, IReadOnlyList<string> args, ProcessOptions? options, CancellationToken cancellationToken) =>
            inner.RunAsync(Path.Combine(bin, command), args, options, cancellationToken);

        public Task RunLinesAsync(
            string command,
            IReadOnlyList<string> args,
            Func<string, CancellationToken, ValueTask> onLine,
            ProcessOptions? options,
            CancellationToken cancellationToken) =>
            inner.RunLinesAsync(Path.Combine(bin, command), args, onLine, options, cancellationToken);
    }
}
