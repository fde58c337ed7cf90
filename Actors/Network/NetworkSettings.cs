namespace IncusOs.Actors.Network;

/// <summary>Where the network actor keeps its configuration (<c>STATE/network.json</c>).</summary>
public sealed record NetworkSettings(string StateFile);
