using System.Text;

namespace IncusOs.Providers.Security;

/// <summary>
/// The TPM through the kernel: the event log from securityfs and PCR7 from sysfs; Secure Boot
/// variables from efivarfs for the next-boot prediction; the PCR signing key from the running UKI.
/// </summary>
public sealed class HostTpm : ITpm
{
    private const int PcrPublicKeySection = 512;
    private const int PcrPublicKeyLength = 451;

    private readonly HostSecurityPaths _paths;

    public HostTpm(HostSecurityPaths paths)
    {
        _paths = paths;
    }

    public async Task<string> GetStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            var log = TcgEventLog.Parse(await ReadAsync(_paths.EventLog, cancellationToken).ConfigureAwait(false));
            var actual = await ReadPcr7Async(cancellationToken).ConfigureAwait(false);
            var variables = new Dictionary<string, byte[]>();
            foreach (var e in log.Events.Where(e => e.Pcr == Pcr7.Index && e.Type == TcgEvent.EfiVariableDriverConfig))
            {
                var logged = UefiVariableData.Parse(e.Data);
                variables[EfiVariableNames.FileName(logged.Name, logged.VendorGuid)] =
                    await HostSecureBoot.ReadVariableAsync(
                        _paths.EfiVariables, logged.Name, logged.VendorGuid, cancellationToken).ConfigureAwait(false)
                    ?? [];
            }

            var authority = await AuthorityAsync(cancellationToken).ConfigureAwait(false);

            return TpmStatus.Evaluate(
                log, actual, v => variables[EfiVariableNames.FileName(v.Name, v.VendorGuid)], authority);
        }
        catch (ProviderException ex)
        {
            return ex.Message;
        }
    }

    public async Task<string> ReadPcr7Async(CancellationToken cancellationToken)
    {
        var bytes = await ReadAsync(_paths.Pcr7, cancellationToken).ConfigureAwait(false);
        var text = Encoding.ASCII.GetString(bytes).Trim();
        if (text.Length != 64 || !text.All(Uri.IsHexDigit))
        {
            throw new ProviderException($"unexpected PCR7 value in {_paths.Pcr7}: '{text}'");
        }

        return text.ToLowerInvariant();
    }

    public async Task InstallPcrPublicKeyAsync(CancellationToken cancellationToken)
    {
        var release = OsRelease.Parse(
            Encoding.UTF8.GetString(await ReadAsync(_paths.OsRelease, cancellationToken).ConfigureAwait(false)));
        var uki = Path.Combine(_paths.Boot, "EFI", "Linux", $"{release.Name}_{release.Version}.efi");
        var section = PeSections.Read(await ReadAsync(uki, cancellationToken).ConfigureAwait(false), ".pcrpkey")
            ?? throw new ProviderException($"{uki} has no .pcrpkey section");
        if (section.Length != PcrPublicKeySection)
        {
            throw new ProviderException($"unexpected .pcrpkey section size {section.Length} in {uki}");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_paths.PcrPublicKey)!);
        Files.AtomicFile.Write(_paths.PcrPublicKey, section.AsSpan(0, PcrPublicKeyLength), Files.AtomicFile.OwnerOnly);
    }

    /// <summary>
    /// The authority substitution of security.md §2.4, from the signer of the installed systemd-boot
    /// binary and the current db; null (keep the logged events) when either is missing.
    /// </summary>
    private async Task<Func<UefiVariableData, byte[]?>?> AuthorityAsync(CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "BOOTX64.EFI", "BOOTAA64.EFI" })
        {
            var path = Path.Combine(_paths.Boot, "EFI", "BOOT", name);
            if (!File.Exists(path))
            {
                continue;
            }

            var signer = AuthenticodeSigner.TryRead(await ReadAsync(path, cancellationToken).ConfigureAwait(false));
            var db = await HostSecureBoot.ReadVariableAsync(
                    _paths.EfiVariables, "db", EfiVariableNames.ImageSecurityDatabase, cancellationToken)
                .ConfigureAwait(false);

            return signer is null || db is null ? null : Pcr7.AuthoritySubstitution(signer, db);
        }

        return null;
    }

    private static async Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw GoFileError.From("open", path, ex);
        }
    }
}
