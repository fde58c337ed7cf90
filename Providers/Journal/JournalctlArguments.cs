namespace IncusOs.Providers.Journal;

/// <summary>
/// The query's argument vector read as journalctl 252 reads it. <c>-b</c> and <c>-n</c> take their
/// value only when it parses; otherwise the option keeps its default (current boot; 10 lines) and the
/// value is read as a match (<c>FIELD=VALUE</c>) or, when it starts with a dash, as an option.
/// </summary>
public sealed record JournalctlArguments
{
    /// <summary>Lines shown by a bare <c>-n</c>.</summary>
    public const int DefaultLines = 10;

    public string? Unit { get; init; }

    public BootDescriptor Boot { get; init; } = BootDescriptor.Current;

    /// <summary>Newest entries to show; null for all.</summary>
    public int? Lines { get; init; }

    /// <summary>Words left over as matches, in command-line order.</summary>
    public IReadOnlyList<string> Matches { get; init; } = [];

    /// <summary>getopt's complaint about a left-over word that looks like an option, if any.</summary>
    public string? OptionError { get; init; }

    public static JournalctlArguments Parse(JournalQuery query)
    {
        var leftovers = new List<string>(2);
        var boot = BootDescriptor.Current;
        if (BootDescriptor.TryParse(query.Boot, out var parsed))
        {
            boot = parsed;
        }
        else
        {
            leftovers.Add(query.Boot);
        }

        int? lines = null;
        if (query.Entries is { } entries)
        {
            if (TryParseLines(entries, out var n))
            {
                lines = n;
            }
            else
            {
                lines = DefaultLines;
                leftovers.Add(entries);
            }
        }

        var matches = new List<string>(2);
        string? optionError = null;
        foreach (var word in leftovers)
        {
            if (word == "--")
            {
                continue;
            }

            if (word.Length > 1 && word[0] == '-')
            {
                // TODO(compat): getopt would also accept a valid short option here (-b -a); reported as invalid.
                optionError ??= word.StartsWith("--", StringComparison.Ordinal)
                    ? $"journalctl: unrecognized option '{word}'"
                    : $"journalctl: invalid option -- '{word[1]}'";
                continue;
            }

            matches.Add(word);
        }

        return new JournalctlArguments
        {
            Unit = query.Unit,
            Boot = boot,
            Lines = lines,
            Matches = matches,
            OptionError = optionError,
        };
    }

    /// <summary>
    /// The match error journalctl gives for a word, or null when it is a valid <c>FIELD=VALUE</c>.
    /// </summary>
    public static string? MatchError(string word)
    {
        if (word == "+")
        {
            return "\"+\" can only be used between terms";
        }

        var equals = word.IndexOf('=', StringComparison.Ordinal);
        var valid = equals > 0 && word.AsSpan(0, equals).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") < 0;

        // TODO(compat): journalctl also takes an absolute path (the _EXE of a binary); refused here.
        return valid ? null : $"Failed to add match '{word}': Invalid argument";
    }

    /// <summary>
    /// Whether journalctl takes <paramref name="text"/> as the value of <c>-n</c>: a count, <c>+N</c>
    /// (journalctl 252 reads it as N), or <c>all</c> (null lines).
    /// </summary>
    public static bool TryParseLines(string text, out int? lines)
    {
        lines = null;
        if (text == "all")
        {
            return true;
        }

        var digits = text.StartsWith('+') ? text[1..] : text;
        if (!CInteger.TryParseInt(digits, out var n) || n < 0)
        {
            return false;
        }

        lines = n;

        return true;
    }
}
