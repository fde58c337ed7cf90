namespace IncusOs.Actors.Update;

/// <summary>Where the update actor keeps its state and how its timer behaves.</summary>
public sealed record UpdateActorSettings
{
    /// <summary>The actor's state file, <c>STATE/update.json</c>.</summary>
    public string StateFile { get; init; } = "/var/lib/incus-os/update.json";

    /// <summary>The start-up check runs this long after the actor starts (the reference blocks start-up).</summary>
    public TimeSpan StartupCheckDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest single timer arm; a longer wait re-arms on the way (huge frequencies).</summary>
    public TimeSpan MaxTimerDelay { get; init; } = TimeSpan.FromHours(24);
}
