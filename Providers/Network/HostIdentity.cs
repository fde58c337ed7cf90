namespace IncusOs.Providers.Network;

/// <summary>
/// The fallback host name of a real machine (system.md §2): <c>/sys/class/dmi/id/product_uuid</c> when
/// it holds exactly a UUID and a newline, else <c>/etc/machine-id</c> when it holds exactly 32
/// characters and a newline, else the OS name.
/// </summary>
public sealed class HostIdentity : IHostIdentity
{
    private readonly string _productUuidPath;
    private readonly string _machineIdPath;
    private readonly string _osName;

    public HostIdentity(string osName, string productUuidPath = "/sys/class/dmi/id/product_uuid",
        string machineIdPath = "/etc/machine-id")
    {
        _osName = osName;
        _productUuidPath = productUuidPath;
        _machineIdPath = machineIdPath;
    }

    public string FallbackHostname() =>
        ReadExact(_productUuidPath, 37) ?? ReadExact(_machineIdPath, 33) ?? _osName;

    private static string? ReadExact(string path, int length)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);

            return bytes.Length == length ? System.Text.Encoding.UTF8.GetString(bytes).Trim() : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
