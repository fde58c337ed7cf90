namespace IncusOs.Actors.Update;

/// <summary>
/// What one pass changed: the final status, the fields of the state it owns, the OS version it installed
/// (null when none) and the applications whose images it installed.
/// </summary>
public sealed record UpdatePassOutcome(
    string Status,
    bool NeedsReboot,
    string NextRelease,
    IReadOnlyDictionary<string, string> Applications,
    SecureBootKeyState SecureBoot,
    string? InstalledOsVersion,
    IReadOnlyList<string> InstalledApplications)
{
    public static UpdatePassOutcome Unchanged(UpdateActorState state, string status) =>
        new(status, state.NeedsReboot, state.NextRelease, state.Applications, state.SecureBoot, null, []);

    /// <summary>The state after this pass, keeping whatever the pass does not own (config, provider).</summary>
    public UpdateActorState ApplyTo(UpdateActorState state) => state with
    {
        UpdateStatus = Status,
        NeedsReboot = NeedsReboot,
        NextRelease = NextRelease,
        Applications = Applications,
        SecureBoot = SecureBoot,
    };
}
