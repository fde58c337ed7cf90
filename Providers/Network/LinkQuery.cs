namespace IncusOs.Providers.Network;

/// <summary>
/// One link whose state is wanted: the key it is reported under, the kernel link to read, and the
/// NIC whose LLDP neighbours to read (null: none).
/// </summary>
public sealed record LinkQuery(string Key, string Device, string? LldpDevice);
