using System.Formats.Tar;
using System.IO.Compression;
using IncusOs.Providers.Files;
using IncusOs.Providers.Simulation;
using Newtonsoft.Json;

namespace IncusOs.Providers.Update;

/// <summary>
/// The simulated machine: a verified OS release is staged as the machine's next version (a simulated reboot
/// makes it current), application images land in <c>STATE/machine/extensions</c>, and Secure Boot key
/// archives append one <c>.auth</c> entry per call, remembered in <c>STATE/machine/secureboot-keys.json</c>.
/// </summary>
public sealed class SimulatedUpdateTarget : IUpdateTarget
{
    private readonly SimulatedMachine _machine;

    public SimulatedUpdateTarget(SimulatedMachine machine)
    {
        _machine = machine;
    }

    public string OsName => _machine.Document.Os.Name;

    public string RunningRelease => _machine.Document.Os.Version;

    public string BootId => _machine.Document.CurrentBoot.Id;

    public string UpdatesDirectory => _machine.PathOf("staged-update");

    public string ExtensionsDirectory => _machine.PathOf("extensions");

    public string SecureBootArchiveDirectory => _machine.PathOf("secureboot");

    private string AppliedKeysPath => _machine.PathOf("secureboot-keys.json");

    public Task InstallOsAsync(string version, CancellationToken cancellationToken)
    {
        var staged = Directory.Exists(UpdatesDirectory)
            && Directory.EnumerateFiles(UpdatesDirectory).Any(f => Path.GetFileName(f).Contains(version));
        if (!staged)
        {
            throw new ProviderException($"no files for version {version} in {UpdatesDirectory}");
        }

        _machine.Update(d => d with { Os = d.Os with { NextVersion = version } });

        return Task.CompletedTask;
    }

    public Task ValidateApplicationAsync(string imagePath, CancellationToken cancellationToken)
    {
        if (new FileInfo(imagePath).Length == 0)
        {
            throw new ProviderException($"sysext image '{imagePath}' is empty");
        }

        return Task.CompletedTask;
    }

    public Task RefreshExtensionsAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<bool> ApplySecureBootKeysAsync(string archivePath, CancellationToken cancellationToken)
    {
        List<string> applied = [];
        if (File.Exists(AppliedKeysPath))
        {
            var json = await File.ReadAllTextAsync(AppliedKeysPath, cancellationToken).ConfigureAwait(false);
            applied = JsonConvert.DeserializeObject<List<string>>(json) ?? [];
        }

        var entries = await ReadAuthEntriesAsync(archivePath, cancellationToken).ConfigureAwait(false);
        foreach (var variable in new[] { "KEK", "db", "dbx" })
        {
            var next = entries.FirstOrDefault(e => e.StartsWith(variable + "_", StringComparison.Ordinal)
                                                   && !applied.Contains(e));
            if (next is not null)
            {
                applied.Add(next);
                AtomicFile.WriteText(AppliedKeysPath, JsonConvert.SerializeObject(applied), AtomicFile.OwnerOnly);

                return true;
            }
        }

        return false;
    }

    private static async Task<List<string>> ReadAuthEntriesAsync(
        string archivePath, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await using var file = File.OpenRead(archivePath);
        await using var gunzip = new GZipStream(file, CompressionMode.Decompress);
        await using var tar = new TarReader(gunzip);
        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            var name = Path.GetFileName(entry.Name);
            if (name.EndsWith(".auth", StringComparison.Ordinal))
            {
                names.Add(name);
            }
        }

        return names.Order(StringComparer.Ordinal).ToList();
    }
}
