namespace IncusOs.Providers.Security;

/// <summary>Secure Boot from efivarfs: each file is a 4-byte attribute word followed by the data.</summary>
public sealed class HostSecureBoot : ISecureBoot
{
    private readonly HostSecurityPaths _paths;

    public HostSecureBoot(HostSecurityPaths paths)
    {
        _paths = paths;
    }

    public async Task<bool> IsEnabledAsync(CancellationToken cancellationToken)
    {
        var data = await ReadVariableAsync(
            _paths.EfiVariables, "SecureBoot", EfiVariableNames.Global, cancellationToken).ConfigureAwait(false);

        // The reference indexes an empty buffer here and panics; an absent variable means no Secure Boot.
        return data is [1, ..];
    }

    public async Task<IReadOnlyList<SecureBootCertificate>> GetCertificatesAsync(CancellationToken cancellationToken)
    {
        var result = new List<SecureBootCertificate>();
        foreach (var (name, vendor) in EfiVariableNames.Databases)
        {
            byte[]? data;
            try
            {
                data = await ReadVariableAsync(_paths.EfiVariables, name, vendor, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (ProviderException)
            {
                continue;
            }

            if (data is not null)
            {
                result.AddRange(SecureBootCertificates.FromVariable(name, data));
            }
        }

        return result;
    }

    /// <summary>A variable's data without the attribute word, or null when it does not exist.</summary>
    public static async Task<byte[]?> ReadVariableAsync(
        string directory, string name, Guid vendor, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, EfiVariableNames.FileName(name, vendor));
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw GoFileError.From("open", path, ex);
        }

        return bytes.Length < 4 ? [] : bytes[4..];
    }
}
