namespace IncusOs.Providers.Network;

/// <summary>
/// systemd over D-Bus for the network apply: the networkd reload or restart, other units (timesyncd,
/// kpx), the states networkd reports per link, and the host name through hostnamed.
/// </summary>
public interface INetworkdControl
{
    Task SetHostnameAsync(string hostname, CancellationToken cancellationToken);

    Task ReloadNetworkdAsync(CancellationToken cancellationToken);

    Task RestartUnitAsync(string unit, CancellationToken cancellationToken);

    Task StartUnitAsync(string unit, CancellationToken cancellationToken);

    Task StopUnitAsync(string unit, CancellationToken cancellationToken);

    /// <summary>
    /// networkd's operational, online and administrative state of a link, or null when networkd does not
    /// know it.
    /// </summary>
    Task<(string Operational, string Online, string Administrative)?> GetLinkStateAsync(
        string name, CancellationToken cancellationToken);
}
