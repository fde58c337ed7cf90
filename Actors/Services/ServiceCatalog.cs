namespace IncusOs.Actors.Services;

/// <summary>The six services: their names, URLs, and the start-up order of services.md §2.</summary>
public static class ServiceCatalog
{
    /// <summary>Names sorted, as <c>GET /1.0/services</c> lists them.</summary>
    public static readonly IReadOnlyList<string> Names = ["iscsi", "lvm", "multipath", "nvme", "ovn", "usbip"];

    /// <summary>Start-up order; shutdown is the reverse.</summary>
    public static readonly IReadOnlyList<string> StartOrder = ["iscsi", "nvme", "multipath", "lvm", "ovn", "usbip"];

    public static IReadOnlyList<string> Urls => [.. Names.Select(n => "/1.0/services/" + n)];

    /// <summary>Exact-case match of a service name.</summary>
    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.Ordinal);

    internal static IReadOnlyDictionary<string, ServiceProcedure> Procedures() =>
        new ServiceProcedure[]
        {
            new IscsiProcedure(), new LvmProcedure(), new MultipathProcedure(),
            new NvmeProcedure(), new OvnProcedure(), new UsbipProcedure(),
        }.ToDictionary(p => p.Name, StringComparer.Ordinal);
}
