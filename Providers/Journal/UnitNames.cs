using System.Globalization;
using System.Text;

namespace IncusOs.Providers.Journal;

/// <summary>
/// How <c>journalctl -u</c> turns its argument into unit names (systemd's
/// <c>unit_name_mangle_with_suffix</c> with globs allowed) and which entries a unit selects.
/// </summary>
public static class UnitNames
{
    /// <summary>The journal fields whose values <c>-u</c> globs are matched against.</summary>
    public static readonly IReadOnlyList<string> UnitFields =
        ["_SYSTEMD_UNIT", "COREDUMP_UNIT", "UNIT", "OBJECT_SYSTEMD_UNIT", "_SYSTEMD_SLICE"];

    private const string CoredumpMessageId = "fc2e22bc6ee647b6b90729ab34a250b1";

    private static readonly HashSet<string> UnitTypes =
    [
        "service", "mount", "swap", "socket", "target", "device", "automount", "timer", "path", "slice", "scope",
    ];

    /// <summary>True when <paramref name="name"/> holds a glob character, so it selects by pattern.</summary>
    public static bool IsGlob(string name) => name.AsSpan().IndexOfAny("*?[") >= 0;

    /// <summary>
    /// A plain name gets invalid characters escaped and <c>.service</c> appended when it has no unit
    /// type suffix (<c>incus-osd</c> becomes <c>incus-osd.service</c>); a glob is kept as it is.
    /// </summary>
    public static string Mangle(string name)
    {
        if (IsGlob(name))
        {
            return name;
        }

        var text = new StringBuilder(name.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is ':' or '-' or '_' or '.' or '\\' or '@')
            {
                text.Append(c);
            }
            else if (c == '/')
            {
                text.Append('-');
            }
            else
            {
                text.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }
        }

        var mangled = text.ToString();
        var dot = mangled.LastIndexOf('.');

        return dot > 0 && UnitTypes.Contains(mangled[(dot + 1)..]) ? mangled : mangled + ".service";
    }

    /// <summary>
    /// Whether an entry belongs to <paramref name="unit"/> as journalctl's unit match says: the unit's
    /// own messages, its core dumps, PID 1's messages about it, and root daemons' messages about it.
    /// </summary>
    public static bool Selects(string unit, IReadOnlyDictionary<string, string?> entry)
    {
        if (Is(entry, "_SYSTEMD_UNIT", unit))
        {
            return true;
        }

        if (Is(entry, "MESSAGE_ID", CoredumpMessageId) && Is(entry, "_UID", "0") && Is(entry, "COREDUMP_UNIT", unit))
        {
            return true;
        }

        if (Is(entry, "_PID", "1") && Is(entry, "UNIT", unit))
        {
            return true;
        }

        if (Is(entry, "_UID", "0") && Is(entry, "OBJECT_SYSTEMD_UNIT", unit))
        {
            return true;
        }

        return unit.EndsWith(".slice", StringComparison.Ordinal) && Is(entry, "_SYSTEMD_SLICE", unit);
    }

    /// <summary>fnmatch(3) without flags: <c>*</c>, <c>?</c>, bracket expressions with <c>!</c> and ranges.</summary>
    public static bool GlobMatches(string pattern, string text) => Glob(pattern, 0, text, 0);

    private static bool Is(IReadOnlyDictionary<string, string?> entry, string field, string value) =>
        entry.TryGetValue(field, out var actual) && actual == value;

    private static bool Glob(string pattern, int p, string text, int t)
    {
        while (p < pattern.Length)
        {
            switch (pattern[p])
            {
                case '*':
                    for (var k = t; k <= text.Length; k++)
                    {
                        if (Glob(pattern, p + 1, text, k))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?':
                    if (t >= text.Length)
                    {
                        return false;
                    }

                    p++;
                    t++;
                    break;
                case '[' when BracketEnd(pattern, p) is var end && end > 0:
                    if (t >= text.Length || !InBracket(pattern, p + 1, end, text[t]))
                    {
                        return false;
                    }

                    p = end + 1;
                    t++;
                    break;
                default:
                    if (t >= text.Length || pattern[p] != text[t])
                    {
                        return false;
                    }

                    p++;
                    t++;
                    break;
            }
        }

        return t == text.Length;
    }

    // Index of the ']' closing the bracket expression at p, or -1 when it is unclosed (then '[' is literal).
    private static int BracketEnd(string pattern, int p)
    {
        var i = p + 1;
        if (i < pattern.Length && pattern[i] is '!' or '^')
        {
            i++;
        }

        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }

        return pattern.IndexOf(']', i);
    }

    private static bool InBracket(string pattern, int start, int end, char c)
    {
        var negate = pattern[start] is '!' or '^';
        var i = negate ? start + 1 : start;
        var found = false;
        while (i < end)
        {
            if (i + 2 < end && pattern[i + 1] == '-')
            {
                found |= c >= pattern[i] && c <= pattern[i + 2];
                i += 3;
            }
            else
            {
                found |= c == pattern[i];
                i++;
            }
        }

        return found != negate;
    }
}
