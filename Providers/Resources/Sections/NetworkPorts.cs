using IncusOs.Providers.Resources.Native;
using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Providers.Resources.Sections;

/// <summary>One network port: its sysfs attributes and the ethtool queries of resources.md §8.3.</summary>
public static class NetworkPorts
{
    private static readonly (int Bit, string Name)[] LinkModes =
    [
        (0, "10baseT/Half"), (1, "10baseT/Full"), (2, "100baseT/Half"), (3, "100baseT/Full"),
        (4, "1000baseT/Half"), (5, "1000baseT/Full"), (12, "10000baseT/Full"), (15, "2500baseX/Full"),
        (17, "1000baseKX/Full"), (18, "10000baseKX4/Full"), (19, "10000baseKR/Full"), (21, "20000baseMLD2/Full"),
        (22, "20000baseKR2/Full"), (23, "40000baseKR4/Full"), (24, "40000baseCR4/Full"), (25, "40000baseSR4/Full"),
        (26, "40000baseLR4/Full"), (27, "56000baseKR4/Full"), (28, "56000baseCR4/Full"), (29, "56000baseSR4/Full"),
        (30, "56000baseLR4/Full"), (31, "25000baseCR/Full"), (32, "25000baseKR/Full"), (33, "25000baseSR/Full"),
        (34, "50000baseCR2/Full"), (35, "50000baseKR2/Full"), (36, "100000baseKR4/Full"),
        (37, "100000baseSR4/Full"), (38, "100000baseCR4/Full"), (39, "100000baseLR4_ER4/Full"),
        (40, "50000baseSR2/Full"), (41, "1000baseX/Full"), (42, "10000baseCR/Full"), (43, "10000baseSR/Full"),
        (44, "10000baseLR/Full"), (45, "10000baseLRM/Full"), (46, "10000baseER/Full"), (47, "2500baseT/Full"),
        (48, "5000baseT/Full"),
    ];

    private static readonly (int Bit, string Name)[] PortTypes =
    [
        (7, "twisted pair"), (8, "AUI"), (9, "media-independent"), (10, "fibre"), (11, "BNC"), (16, "backplane"),
    ];

    /// <summary>The port's sysfs part: name, protocol, address, dev_port, Infiniband devices.</summary>
    public static ResourcesNetworkCardPort Read(CollectContext context, string device, string name)
    {
        var dir = $"{device}/net/{name}";
        var port = new ResourcesNetworkCardPort { Id = name };
        if (context.Exists($"{dir}/type"))
        {
            port.Protocol = context.ReadU64($"{dir}/type") switch
            {
                1 => "ethernet",
                19 => "ATM",
                32 => "infiniband",
                _ => "unknown",
            };
        }

        if (context.Exists($"{dir}/address"))
        {
            port.Address = context.Read($"{dir}/address");
        }

        if (context.Exists($"{dir}/dev_port"))
        {
            port.Port = context.ReadU64($"{dir}/dev_port");
        }

        if (port.Protocol == "infiniband")
        {
            port.Infiniband = Infiniband(context, device, port.Port);
        }

        return port;
    }

    /// <summary>The ethtool part of a port; false when the port must be dropped (§8.3).</summary>
    public static bool QueryEthtool(IEthtool ethtool, ResourcesNetworkCardPort port)
    {
        try
        {
            var permanent = ethtool.GetPermanentAddress(port.Id);
            port.Address = string.Join(':', permanent.Select(b => b.ToString("x2")));
        }
        catch (ErrnoException)
        {
            // The sysfs address stays.
        }

        try
        {
            port.LinkDetected = ethtool.GetLink(port.Id);
        }
        catch (ErrnoException)
        {
            return false;
        }

        EthtoolLinkSettings settings;
        try
        {
            settings = ethtool.GetLinkSettings(port.Id);
        }
        catch (ErrnoException)
        {
            try
            {
                settings = ethtool.GetLegacySettings(port.Id);
            }
            catch (ErrnoException ex) when (ex.Errno is LibC.Eopnotsupp or LibC.Enodev)
            {
                return true;
            }
            catch (ErrnoException)
            {
                return false;
            }
        }

        Apply(settings, port);

        return true;
    }

    /// <summary><c>ETHTOOL_GDRVINFO</c> on the card's first port; a failure is fatal.</summary>
    public static string FirmwareVersion(IEthtool ethtool, string interfaceName)
    {
        try
        {
            return ethtool.GetFirmwareVersion(interfaceName);
        }
        catch (ErrnoException ex)
        {
            throw new ProviderException(
                $"Failed to get the driver information of \"{interfaceName}\": {ex.Message}", ex);
        }
    }

    public static void Apply(EthtoolLinkSettings settings, ResourcesNetworkCardPort port)
    {
        port.AutoNegotiation = settings.Autoneg == 1;
        port.TransceiverType = settings.Transceiver switch
        {
            0 => "internal",
            1 => "external",
            _ => string.Empty,
        };
        port.PortType = settings.Port switch
        {
            0 => "twisted pair",
            1 => "AUI",
            2 => "media-independent",
            3 => "fibre",
            4 => "BNC",
            5 => "direct attach",
            0xef => "none",
            0xff => "other",
            _ => string.Empty,
        };
        port.SupportedModes = [.. LinkModes.Where(m => IsSet(settings.Supported, m.Bit)).Select(m => m.Name)];
        port.SupportedPorts = [.. PortTypes.Where(m => IsSet(settings.Supported, m.Bit)).Select(m => m.Name)];

        if (!port.LinkDetected)
        {
            return;
        }

        port.LinkDuplex = settings.Duplex switch
        {
            0 => "half",
            1 => "full",
            _ => string.Empty,
        };
        if (settings.Speed != uint.MaxValue)
        {
            port.LinkSpeed = settings.Speed;
        }
    }

    private static bool IsSet(IReadOnlyList<uint> mask, int bit) =>
        bit / 32 < mask.Count && (mask[bit / 32] & (1u << (bit % 32))) != 0;

    private static ResourcesNetworkCardPortInfiniband Infiniband(CollectContext context, string device, ulong devPort)
    {
        var infiniband = new ResourcesNetworkCardPortInfiniband();
        var mad = $"{device}/infiniband_mad";
        if (context.Exists(mad))
        {
            foreach (var entry in context.Tree.List(mad))
            {
                var dir = $"{mad}/{entry}";
                var isIssm = entry.StartsWith("issm", StringComparison.Ordinal);
                if (!isIssm && !entry.StartsWith("umad", StringComparison.Ordinal)
                    || !context.Exists($"{dir}/port") || context.ReadU64($"{dir}/port") != devPort + 1)
                {
                    continue;
                }

                var dev = context.Read($"{dir}/dev");
                if (isIssm)
                {
                    (infiniband.IssmName, infiniband.IssmDevice) = (entry, dev);
                }
                else
                {
                    (infiniband.MadName, infiniband.MadDevice) = (entry, dev);
                }
            }
        }

        var verbs = $"{device}/infiniband_verbs";
        if (context.Exists(verbs) && context.Tree.List(verbs) is [var verb])
        {
            infiniband.VerbName = verb;
            if (context.Exists($"{verbs}/{verb}/dev"))
            {
                infiniband.VerbDevice = context.Read($"{verbs}/{verb}/dev");
            }
        }

        return infiniband;
    }
}
