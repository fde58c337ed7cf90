namespace IncusOs.Providers.Security;

/// <summary>
/// Where the host keeps what the security area reads: efivarfs, the TPM event log and PCRs, the ESP.
/// Tests point these at a captured tree.
/// </summary>
public sealed record HostSecurityPaths
{
    public string EfiVariables { get; init; } = "/sys/firmware/efi/efivars";

    public string EventLog { get; init; } = "/sys/kernel/security/tpm0/binary_bios_measurements";

    public string Pcr7 { get; init; } = "/sys/class/tpm/tpm0/pcr-sha256/7";

    /// <summary>The ESP mount: systemd-boot in <c>EFI/BOOT</c>, the UKIs in <c>EFI/Linux</c>.</summary>
    public string Boot { get; init; } = "/boot";

    public string OsRelease { get; init; } = "/lib/os-release";

    public string PcrPublicKey { get; init; } = "/run/systemd/tpm2-pcr-public-key.pem";

    /// <summary>A tree laid out like <c>/</c> (the fixtures' <c>bootN</c> folders).</summary>
    public static HostSecurityPaths UnderRoot(string root)
    {
        var defaults = new HostSecurityPaths();
        string Under(string path) => Path.Combine(root, path.TrimStart('/'));

        return new HostSecurityPaths
        {
            EfiVariables = Under(defaults.EfiVariables),
            EventLog = Under(defaults.EventLog),
            Pcr7 = Under(defaults.Pcr7),
            Boot = Under(defaults.Boot),
            OsRelease = Under(defaults.OsRelease),
            PcrPublicKey = Under(defaults.PcrPublicKey),
        };
    }
}
