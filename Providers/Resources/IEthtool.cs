namespace IncusOs.Providers.Resources;

/// <summary>
/// The kernel's ethtool interface (<c>SIOCETHTOOL</c>) for one interface name. Failures are
/// <see cref="Native.ErrnoException"/>s so the collector can apply the reference's keep-or-drop rules.
/// </summary>
public interface IEthtool
{
    /// <summary><c>ETHTOOL_GPERMADDR</c>: the permanent hardware address bytes.</summary>
    byte[] GetPermanentAddress(string interfaceName);

    /// <summary><c>ETHTOOL_GLINK</c>: whether the link is detected.</summary>
    bool GetLink(string interfaceName);

    /// <summary><c>ETHTOOL_GLINKSETTINGS</c> with the mask-size handshake.</summary>
    EthtoolLinkSettings GetLinkSettings(string interfaceName);

    /// <summary><c>ETHTOOL_GSET</c>, the legacy 44-byte query.</summary>
    EthtoolLinkSettings GetLegacySettings(string interfaceName);

    /// <summary><c>ETHTOOL_GDRVINFO</c>: the firmware version text.</summary>
    string GetFirmwareVersion(string interfaceName);
}
