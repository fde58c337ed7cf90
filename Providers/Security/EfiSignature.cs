namespace IncusOs.Providers.Security;

/// <summary>One EFI_SIGNATURE_DATA entry of a signature list: its list's type, its owner and its payload.</summary>
public sealed record EfiSignature(Guid Type, Guid Owner, byte[] Data)
{
    /// <summary>EFI_CERT_X509_GUID: the payload is one DER certificate.</summary>
    public static readonly Guid X509 = new("a5c059a1-94e4-4aa7-87b5-ab155c2bf072");

    /// <summary>EFI_CERT_SHA256_GUID: the payload is a 32-byte hash.</summary>
    public static readonly Guid Sha256 = new("c1c41626-504c-4092-aca9-41f936934328");

    public bool IsX509 => Type == X509;
}
