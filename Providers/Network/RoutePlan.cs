namespace IncusOs.Providers.Network;

/// <summary>A configured route: destination and gateway (an address, <c>dhcp4</c> or <c>slaac</c>).</summary>
public sealed record RoutePlan(string To, string Via);
