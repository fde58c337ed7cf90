namespace IncusOs.Providers.Resources;

/// <summary>
/// What <c>ETHTOOL_GLINKSETTINGS</c> (or the legacy <c>ETHTOOL_GSET</c>) reported for a port: raw kernel
/// values; the supported link-mode mask as 32-bit words, lowest bits first.
/// </summary>
public sealed record EthtoolLinkSettings(
    uint Speed, byte Duplex, byte Port, byte Autoneg, byte Transceiver, IReadOnlyList<uint> Supported);
