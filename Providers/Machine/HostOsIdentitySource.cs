namespace IncusOs.Providers.Machine;

/// <summary>
/// Reads <c>/lib/os-release</c> (NAME and IMAGE_VERSION, quotes stripped),
/// <c>/sys/class/dmi/id/product_uuid</c> and <c>/etc/machine-id</c> under a root directory.
/// </summary>
public sealed class HostOsIdentitySource : IOsIdentitySource
{
    private readonly string _root;

    public HostOsIdentitySource(string root = "/")
    {
        _root = root;
    }

    public async Task<OsIdentity> ReadAsync(CancellationToken cancellationToken)
    {
        string? name = null;
        string? version = null;
        var osRelease = Path.Combine(_root, "lib/os-release");
        if (File.Exists(osRelease))
        {
            foreach (var line in await File.ReadAllLinesAsync(osRelease, cancellationToken).ConfigureAwait(false))
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    continue;
                }

                var key = line[..eq].Trim();
                var value = line[(eq + 1)..].Trim().Trim('"');
                if (key == "NAME")
                {
                    name = value;
                }
                else if (key == "IMAGE_VERSION")
                {
                    version = value;
                }
            }
        }

        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(version))
        {
            throw new ProviderException(
                "unable to get OS name and release: couldn't determine current OS release");
        }

        return new OsIdentity(
            name,
            version,
            await TryReadAsync(Path.Combine(_root, "sys/class/dmi/id/product_uuid"), cancellationToken).ConfigureAwait(false),
            await TryReadAsync(Path.Combine(_root, "etc/machine-id"), cancellationToken).ConfigureAwait(false));
    }

    private static async Task<string?> TryReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
