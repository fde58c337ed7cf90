namespace IncusOs.Providers.Security;

/// <summary>The firmware's Secure Boot state and the certificates of its key databases.</summary>
public interface ISecureBoot
{
    /// <summary>True when the <c>SecureBoot</c> variable says 1; false when it is absent.</summary>
    Task<bool> IsEnabledAsync(CancellationToken cancellationToken);

    /// <summary>X.509 certificates of PK, KEK, db and dbx in that order; unreadable variables give none.</summary>
    Task<IReadOnlyList<SecureBootCertificate>> GetCertificatesAsync(CancellationToken cancellationToken);
}
