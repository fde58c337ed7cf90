using IncusOs.Providers.Resources;
using IncusOs.Providers.Resources.Native;

namespace IncusOs.Tests.Resources;

/// <summary>ethtool answers per interface; a missing answer fails with an errno (ENODEV for GLINK).</summary>
internal sealed class ScriptedEthtool : IEthtool
{
    public Dictionary<string, byte[]> Permanent { get; } = [];

    public Dictionary<string, bool> Links { get; } = [];

    public Dictionary<string, EthtoolLinkSettings> Settings { get; } = [];

    public Dictionary<string, EthtoolLinkSettings> Legacy { get; } = [];

    public Dictionary<string, string> Firmware { get; } = [];

    public int LegacyErrno { get; init; } = LibC.Eopnotsupp;

    public byte[] GetPermanentAddress(string interfaceName) =>
        Permanent.TryGetValue(interfaceName, out var value)
            ? value
            : throw new ErrnoException("GPERMADDR", LibC.Eopnotsupp);

    public bool GetLink(string interfaceName) =>
        Links.TryGetValue(interfaceName, out var value) ? value : throw new ErrnoException("GLINK", LibC.Enodev);

    public EthtoolLinkSettings GetLinkSettings(string interfaceName) =>
        Settings.TryGetValue(interfaceName, out var value)
            ? value
            : throw new ErrnoException("GLINKSETTINGS", LibC.Eopnotsupp);

    public EthtoolLinkSettings GetLegacySettings(string interfaceName) =>
        Legacy.TryGetValue(interfaceName, out var value) ? value : throw new ErrnoException("GSET", LegacyErrno);

    public string GetFirmwareVersion(string interfaceName) =>
        Firmware.TryGetValue(interfaceName, out var value)
            ? value
            : throw new ErrnoException("GDRVINFO", LibC.Eopnotsupp);
}
