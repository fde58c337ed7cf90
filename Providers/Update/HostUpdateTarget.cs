using IncusOs.Providers.Process;

namespace IncusOs.Providers.Update;

/// <summary>
/// The real machine: the running release from <c>/lib/os-release</c>, staging in <c>/var/lib/updates</c>,
/// installation with <c>systemd-sysupdate</c> inside a private mount namespace (spec update.md §8).
/// </summary>
public sealed class HostUpdateTarget : IUpdateTarget
{
    public const string PcrPublicKeyPath = "/run/systemd/tpm2-pcr-public-key.pem";

    private readonly IProcessRunner _runner;
    private readonly Lazy<(string Name, string Version)> _release;

    public HostUpdateTarget(IProcessRunner runner, string osReleasePath = "/lib/os-release")
    {
        _runner = runner;
        _release = new Lazy<(string, string)>(() => OsRelease.Read(osReleasePath));
    }

    public string OsName => _release.Value.Name;

    public string RunningRelease => _release.Value.Version;

    public string BootId => File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();

    public string UpdatesDirectory { get; init; } = "/var/lib/updates";

    public string ExtensionsDirectory { get; init; } = "/var/lib/extensions";

    public string SecureBootArchiveDirectory { get; init; } = "/var/lib/incus-os";

    /// <summary>Where the PCR public key of the running UKI is found (a test points it elsewhere).</summary>
    public string PcrPublicKey { get; init; } = PcrPublicKeyPath;

    public async Task InstallOsAsync(string version, CancellationToken cancellationToken)
    {
        await _runner.RunAsync("systemctl", ["start", "boot.mount"], null, cancellationToken).ConfigureAwait(false);

        var files = Directory.EnumerateFiles(UpdatesDirectory).Select(Path.GetFileName).OfType<string>().ToList();
        var uki = files.FirstOrDefault(f => f.EndsWith($"_{version}.efi", StringComparison.Ordinal))
            ?? throw new ProviderException($"no UKI for version {version} in {UpdatesDirectory}");
        _ = files.FirstOrDefault(f => f.Contains($"_{version}.usr-x86-64.", StringComparison.Ordinal)
                                      || f.Contains($"_{version}.usr-arm64.", StringComparison.Ordinal))
            ?? throw new ProviderException($"no usr image for version {version} in {UpdatesDirectory}");
        RefuseKeyRotation(Path.Combine(UpdatesDirectory, uki));

        var script = $"mount /dev/mapper/usr /usr && /usr/lib/systemd/systemd-sysupdate update {version}";
        await _runner.RunAsync("unshare", ["-m", "--", "sh", "-c", script], null, cancellationToken)
            .ConfigureAwait(false);
    }

    public Task ValidateApplicationAsync(string imagePath, CancellationToken cancellationToken) =>
        _runner.RunAsync("systemd-dissect", ["--validate", imagePath], null, cancellationToken);

    public Task RefreshExtensionsAsync(CancellationToken cancellationToken) =>
        _runner.RunAsync("systemd-sysext", ["refresh"], null, cancellationToken);

    public Task<bool> ApplySecureBootKeysAsync(string archivePath, CancellationToken cancellationToken) =>
        throw new ProviderException(
            "applying Secure Boot key updates (efi-updatevar, TPM PCR7 re-sealing) is not supported by this build");

    /// <summary>
    /// A UKI whose <c>.pcrpkey</c> differs from the running one was signed with a rotated key; installing it
    /// needs the systemd-boot swap and LUKS re-sealing of spec update.md §8, which this build does not do,
    /// so the update is refused rather than left unbootable.
    /// </summary>
    private void RefuseKeyRotation(string ukiPath)
    {
        if (!File.Exists(PcrPublicKey))
        {
            return;
        }

        var running = File.ReadAllBytes(PcrPublicKey);
        var offered = PeSection.Read(ukiPath, ".pcrpkey");
        if (offered is null)
        {
            return;
        }

        const int compared = 451;
        if (!offered.AsSpan(0, Math.Min(compared, offered.Length))
                .SequenceEqual(running.AsSpan(0, Math.Min(compared, running.Length))))
        {
            throw new ProviderException(
                "new UKI is signed with a rotated Secure Boot key; key rotation is not supported by this build, " +
                "refusing to continue");
        }
    }
}
