namespace IncusOs.Providers.Network;

/// <summary>An LLDP neighbour: system name, chassis id, port id and port description.</summary>
public sealed record LldpNeighbour(string Name, string ChassisId, string PortId, string Port);
