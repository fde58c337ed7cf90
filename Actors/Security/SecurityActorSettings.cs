namespace IncusOs.Actors.Security;

/// <summary>Where the security actor keeps its state file (recovery keys, mode 0600).</summary>
public sealed record SecurityActorSettings(string StateFile);
