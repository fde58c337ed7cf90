namespace IncusOs.Providers.Journal;

/// <summary>
/// What <c>GET /1.0/debug/log</c> asks of the journal: the values of <c>unit</c>, <c>boot</c> and
/// <c>entries</c>, passed to journalctl unvalidated (a bad value makes journalctl fail, as in the reference).
/// </summary>
public sealed record JournalQuery(string? Unit, string Boot, string? Entries)
{
    public const string Command = "journalctl";

    /// <summary>The whole journal of the current boot.</summary>
    public static readonly JournalQuery CurrentBoot = new(null, "0", null);

    /// <summary>
    /// The argument vector of debug.md §2.2, in its order: <c>-o json [-u UNIT] -b BOOT [-n N]</c>.
    /// </summary>
    public IReadOnlyList<string> Arguments
    {
        get
        {
            var args = new List<string>(8) { "-o", "json" };
            if (Unit is not null)
            {
                args.Add("-u");
                args.Add(Unit);
            }

            args.Add("-b");
            args.Add(Boot);
            if (Entries is not null)
            {
                args.Add("-n");
                args.Add(Entries);
            }

            return args;
        }
    }
}
