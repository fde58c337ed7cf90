using IncusOs.Providers.Resources;
using IncusOs.Providers.Resources.Native;

namespace IncusOs.Tests.Resources;

/// <summary>ethtool for interfaces that do not exist on this host (a captured tree's): every query is ENODEV.</summary>
internal sealed class AbsentEthtool : IEthtool
{
    public byte[] GetPermanentAddress(string interfaceName) => throw Fail();

    public bool GetLink(string interfaceName) => throw Fail();

    public EthtoolLinkSettings GetLinkSettings(string interfaceName) => throw Fail();

    public EthtoolLinkSettings GetLegacySettings(string interfaceName) => throw Fail();

    public string GetFirmwareVersion(string interfaceName) => throw Fail();

    private static ErrnoException Fail() => new("ethtool", LibC.Enodev);
}
