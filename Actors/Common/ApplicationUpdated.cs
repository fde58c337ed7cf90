namespace IncusOs.Actors.Common;

/// <summary>
/// Published on the event stream by the update actor when an application image of
/// <paramref name="Version"/> was downloaded, verified and activated. The applications actor records
/// it (a new name becomes installed) and runs the update or start hooks (applications.md §5).
/// </summary>
public sealed record ApplicationUpdated(string Name, string Version);
