namespace IncusOs.Providers.Network;

/// <summary>A network interface as the OS names it, with its MAC.</summary>
public sealed record NicInfo(string Name, string Mac);
