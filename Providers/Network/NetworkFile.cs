namespace IncusOs.Providers.Network;

/// <summary>One generated configuration file: its name in its directory and its full text.</summary>
public sealed record NetworkFile(string Name, string Content);
