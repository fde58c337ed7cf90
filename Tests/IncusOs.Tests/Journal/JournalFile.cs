using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;

namespace IncusOs.Tests.Journal;

/// <summary>
/// A real journal file made at run time by <c>systemd-journal-remote</c> from export-format entries,
/// in its own temporary directory (deleted on dispose), and <c>journalctl --file</c> to read it back.
/// </summary>
public sealed class JournalFile : IDisposable
{
    public const string Journalctl = "/usr/bin/journalctl";
    public const string JournalRemote = "/lib/systemd/systemd-journal-remote";

    private JournalFile(string directory)
    {
        Directory = directory;
        Path = System.IO.Path.Combine(directory, "test.journal");
    }

    public string Directory { get; }

    public string Path { get; }

    /// <summary>Writes <paramref name="entries"/> (fields in order; a byte[] value is a binary field).</summary>
    public static JournalFile Create(IEnumerable<IReadOnlyList<KeyValuePair<string, object>>> entries)
    {
        var directory = System.IO.Path.Combine(
            System.IO.Path.GetTempPath(), "journal-test-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var file = new JournalFile(directory);
        var export = new MemoryStream();
        foreach (var entry in entries)
        {
            foreach (var (key, value) in entry)
            {
                if (value is byte[] bytes)
                {
                    export.Write(Encoding.UTF8.GetBytes(key + "\n"));
                    var length = new byte[8];
                    BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)bytes.Length);
                    export.Write(length);
                    export.Write(bytes);
                    export.WriteByte((byte)'\n');
                }
                else
                {
                    export.Write(Encoding.UTF8.GetBytes($"{key}={value}\n"));
                }
            }

            export.WriteByte((byte)'\n');
        }

        var result = Run(JournalRemote, ["--output=" + file.Path, "--split-mode=none", "-"], export.ToArray());
        if (result.ExitCode != 0 || !File.Exists(file.Path))
        {
            file.Dispose();
            throw new InvalidOperationException("systemd-journal-remote failed: " + result.Stderr);
        }

        return file;
    }

    /// <summary><c>journalctl --file=PATH ARGS</c>: exit code, stdout lines, stderr (trimmed).</summary>
    public (int ExitCode, string[] Lines, string Stderr) Query(IReadOnlyList<string> args)
    {
        var result = Run(Journalctl, ["--file=" + Path, .. args], null);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // getopt names argv[0]; the daemon runs it by name, not by this path.
        var stderr = result.Stderr.Trim().Replace(Journalctl + ": ", "journalctl: ", StringComparison.Ordinal);

        return (result.ExitCode, lines, stderr);
    }

    /// <summary>A script named <c>journalctl</c> that runs the real one on this file with the given argv.</summary>
    public string WriteWrapper()
    {
        var bin = System.IO.Path.Combine(Directory, "bin");
        System.IO.Directory.CreateDirectory(bin);
        var script = System.IO.Path.Combine(bin, "journalctl");
        File.WriteAllText(script, $"#!/bin/bash\nexec -a journalctl {Journalctl} --file='{Path}' \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        return script;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(
        string command, IReadOnlyList<string> args, byte[]? stdin)
    {
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.BaseStream.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            process.Kill();
            throw new TimeoutException(command + " did not finish");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
