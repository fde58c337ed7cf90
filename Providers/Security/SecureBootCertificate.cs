namespace IncusOs.Providers.Security;

/// <summary>
/// One X.509 certificate found in a Secure Boot variable: the variable name (<c>PK</c>, <c>KEK</c>,
/// <c>db</c>, <c>dbx</c>), the lower-case SHA-256 of its DER, and its names in Go's form.
/// </summary>
public sealed record SecureBootCertificate(string Type, string Fingerprint, string Subject, string Issuer);
