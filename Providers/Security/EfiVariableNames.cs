namespace IncusOs.Providers.Security;

/// <summary>The Secure Boot variables and their vendor GUIDs (UEFI 2.10 §3.3 and §32.6).</summary>
public static class EfiVariableNames
{
    public static readonly Guid Global = new("8be4df61-93ca-11d2-aa0d-00e098032b8c");

    public static readonly Guid ImageSecurityDatabase = new("d719b2cb-3d3a-4596-a3bc-dad00e67656f");

    /// <summary>The certificate databases in the order they are reported.</summary>
    public static readonly IReadOnlyList<(string Name, Guid Vendor)> Databases =
    [
        ("PK", Global),
        ("KEK", Global),
        ("db", ImageSecurityDatabase),
        ("dbx", ImageSecurityDatabase),
    ];

    /// <summary>The efivarfs file name of a variable: <c>NAME-GUID</c>.</summary>
    public static string FileName(string name, Guid vendor) => $"{name}-{vendor:D}";
}
