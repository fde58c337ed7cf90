namespace IncusOs.Providers.Machine;

/// <summary>
/// What the machine says about itself, read at start: the OS name and release from os-release, and
/// the raw contents (or null) of the DMI product UUID and the machine id for the hostname fallback.
/// </summary>
public sealed record OsIdentity(string OsName, string OsVersion, string? ProductUuidRaw, string? MachineIdRaw);
