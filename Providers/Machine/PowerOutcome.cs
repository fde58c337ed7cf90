namespace IncusOs.Providers.Machine;

/// <summary>How a power action ended, as far as the daemon can still see.</summary>
public enum PowerOutcome
{
    /// <summary>The request went to the machine; the daemon will be stopped by it.</summary>
    Requested,

    /// <summary>The (simulated) machine rebooted under a running daemon: every area starts again.</summary>
    Rebooted,
}
