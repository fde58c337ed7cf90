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

            // TODO(feature): substitute EV_EFI_VARIABLE_AUTHORITY events after a signing-key rotation
            // (security.md §2.4); needs the Authenticode signer of the installed systemd-boot binary.
            return TpmStatus.Evaluate(log, actual, v => variables[EfiVariableNames.FileName(v.Name, v.VendorGuid)]);
        }
        catch (ProviderException ex)
        {
            return ex.Message;
        }
    }

    public async Task<string> ReadPcr7Async(CancellationToken cancellationToken)
    {
        var text = Encoding.ASCII.GetString(await ReadAsync(_paths.Pcr7, cancellationToken).ConfigureAwait(false)).Trim();
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
