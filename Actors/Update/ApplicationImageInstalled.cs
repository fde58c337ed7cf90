namespace IncusOs.Actors.Update;

/// <summary>
/// Published on the event stream after an update pass installed (downloaded, verified, validated and
/// activated) a new image of an application, so that the applications area can start or reload it.
/// </summary>
public sealed record ApplicationImageInstalled(string Name, string Version, bool DuringStartup);
