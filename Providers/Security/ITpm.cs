namespace IncusOs.Providers.Security;

/// <summary>The TPM as the security area uses it: PCR7, the measured-boot status, the PCR signing key.</summary>
public interface ITpm
{
    /// <summary><c>ok</c>, <c>pending PCR7 update</c> or the error text (security.md §2.3); never throws.</summary>
    Task<string> GetStatusAsync(CancellationToken cancellationToken);

    /// <summary>The current SHA-256 PCR7 as 64 lower-case hex digits.</summary>
    Task<string> ReadPcr7Async(CancellationToken cancellationToken);

    /// <summary>Installs the running UKI's PCR signing key for systemd-cryptenroll (security.md §6 step 4).</summary>
    Task InstallPcrPublicKeyAsync(CancellationToken cancellationToken);
}
