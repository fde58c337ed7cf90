namespace IncusOs.Actors.Update;

/// <summary>Why a check runs (spec update.md §4.1): it decides the window rule and the cache rule.</summary>
public enum UpdateCheckKind
{
    /// <summary>The first check after start: ignores maintenance windows.</summary>
    Startup,

    /// <summary>The timer's check: skipped outside the maintenance windows.</summary>
    Periodic,

    /// <summary><c>POST /1.0/system/update</c>: ignores windows and clears the release cache first.</summary>
    User,
}
