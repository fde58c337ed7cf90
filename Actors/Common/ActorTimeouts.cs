namespace IncusOs.Actors.Common;

/// <summary>
/// Every bound on waiting, in one place. Values come from options at start; tests shorten them.
/// </summary>
public sealed record ActorTimeouts
{
    /// <summary>How long an HTTP request waits for an actor's answer before a 503 envelope.</summary>
    public TimeSpan Ask { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A hardware operation (wipe, pool create/destroy, key slot change).</summary>
    public TimeSpan HardwareOperation { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>A network apply, including the wait for links to come online.</summary>
    public TimeSpan NetworkApply { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a request waits for the areas to be up after a start or a simulated reboot.</summary>
    public TimeSpan Startup { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>One step of the shutdown sequence before the power action: stop applications, stop services.</summary>
    public TimeSpan ShutdownStep { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long one journal query (<c>GET /1.0/debug/log</c>) may run before journalctl is killed; the
    /// request waits this plus <see cref="Ask"/> for the answer.
    /// </summary>
    public TimeSpan DebugLog { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Results of <c>/1.0/system/resources</c> are reused this long (DECISIONS.md).</summary>
    public TimeSpan ResourcesCache { get; init; } = TimeSpan.FromSeconds(10);
}
