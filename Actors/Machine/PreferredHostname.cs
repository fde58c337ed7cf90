using IncusOs.Providers.Machine;

namespace IncusOs.Actors.Machine;

/// <summary>
/// The preferred hostname of system.md §2: the configured DNS name (with its domain), else the DMI
/// product UUID, else the machine id, else the OS name. A pure function of what the actor knows.
/// </summary>
public static class PreferredHostname
{
    public static string Of(string? dnsHostname, string? dnsDomain, OsIdentity identity)
    {
        if (!string.IsNullOrEmpty(dnsHostname))
        {
            return string.IsNullOrEmpty(dnsDomain) ? dnsHostname : dnsHostname + "." + dnsDomain;
        }

        // The lengths are of the raw file: 36 characters plus a newline, 32 plus a newline.
        if (identity.ProductUuidRaw is { Length: 37 } uuid)
        {
            return uuid.Trim();
        }

        if (identity.MachineIdRaw is { Length: 33 } machineId)
        {
            return machineId.Trim();
        }

        return identity.OsName;
    }
}
