using System.Diagnostics;
using IncusOs.Providers.Security;

namespace IncusOs.Tests.Security;

/// <summary>
/// Two real LUKS2 headers (<c>root</c>, <c>swap</c>) on plain files in a temporary directory, formatted
/// with a cheap PBKDF and an authority key file that stands in for the TPM slot. Deleted on dispose.
/// </summary>
internal sealed class LuksFiles : IDisposable
{
    public const int Iterations = 1000;

    public LuksFiles()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("incus-sec-luks-").FullName;
        KeyFile = Path.Combine(Directory, "authority.key");
        File.WriteAllText(KeyFile, "authority-" + Guid.NewGuid().ToString("N"));
        File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        foreach (var name in new[] { "root", "swap" })
        {
            var image = Path.Combine(Directory, name + ".img");
            using (var stream = File.Create(image))
            {
                stream.SetLength(20L << 20);
            }

            Run("cryptsetup", "luksFormat", "--type", "luks2", "--batch-mode", "--pbkdf", "pbkdf2",
                "--pbkdf-force-iterations", Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--key-file", KeyFile, image);
        }
    }

    public string Directory { get; }

    public string KeyFile { get; }

    public LuksVolume Root => new("root", Path.Combine(Directory, "root.img"));

    public LuksVolume Swap => new("swap", Path.Combine(Directory, "swap.img"));

    public LuksOptions Options(string? tpmDevice = null) => new()
    {
        Devices = new Dictionary<string, string> { ["root"] = Root.Device, ["swap"] = Swap.Device },
        UnlockKeyFile = KeyFile,
        Pbkdf2Iterations = Iterations,
        LiteralPcrValues = false,
        TpmDevice = tpmDevice ?? "auto",
    };

    /// <summary><c>cryptsetup open --test-passphrase</c> with the passphrase on stdin.</summary>
    public static bool Opens(LuksVolume volume, string passphrase)
    {
        var info = new ProcessStartInfo("cryptsetup")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "open", "--test-passphrase", "--key-file", "-", volume.Device })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Write(passphrase);
        process.StandardInput.Close();
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();

        return process.ExitCode == 0;
    }

    /// <summary>The LUKS2 metadata as <c>cryptsetup luksDump --dump-json-metadata</c> prints it.</summary>
    public static Newtonsoft.Json.Linq.JObject Metadata(LuksVolume volume) =>
        Newtonsoft.Json.Linq.JObject.Parse(Run("cryptsetup", "luksDump", "--dump-json-metadata", volume.Device));

    public static string Run(string command, params string[] args)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(true);
            throw new InvalidOperationException($"{command} did not finish");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{command} {string.Join(' ', args)}: exit {process.ExitCode}: {stderr}");
        }

        return stdout.Result;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
