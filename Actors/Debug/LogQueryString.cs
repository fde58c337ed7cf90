using System.Text;
using IncusOs.Providers.Journal;

namespace IncusOs.Actors.Debug;

/// <summary>
/// Reads the query string of <c>GET /1.0/debug/log</c> as Go's <c>url.ParseQuery</c> does
/// (debug.md §2.1): pairs split on <c>&amp;</c>, <c>+</c> and <c>%XX</c> decoded, the first value of a
/// name wins, an empty value counts as absent (<c>boot</c> then defaults to <c>0</c>).
/// </summary>
public static class LogQueryString
{
    // systemd's UNIT_NAME_MAX.
    private const int UnitNameMax = 256;

    /// <summary>
    /// The query for <paramref name="rawQuery"/> (with or without its <c>?</c>), or Go's parse error.
    /// </summary>
    public static (JournalQuery? Query, string? Error) Parse(string? rawQuery)
    {
        var text = rawQuery is { Length: > 0 } && rawQuery[0] == '?' ? rawQuery[1..] : rawQuery ?? string.Empty;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? error = null;
        foreach (var pair in text.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            if (pair.Contains(';', StringComparison.Ordinal))
            {
                error ??= "invalid semicolon separator in query";
                continue;
            }

            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var rawKey = equals < 0 ? pair : pair[..equals];
            var rawValue = equals < 0 ? string.Empty : pair[(equals + 1)..];
            if (!TryUnescape(rawKey, out var key, ref error) || !TryUnescape(rawValue, out var value, ref error))
            {
                continue;
            }

            values.TryAdd(key, value);
        }

        if (error is not null)
        {
            return (null, error);
        }

        string? Get(string name) => values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

        return (new JournalQuery(Get("unit"), Get("boot") ?? "0", Get("entries")), null);
    }

    /// <summary>
    /// Our check of the decoded values (a deliberate difference: the reference passes them to journalctl
    /// unchecked, so a malformed one is its 500): a <c>boot</c> or <c>entries</c> that journalctl would not
    /// take as the option's value, or a <c>unit</c> with a control character or longer than a unit name
    /// can be, is the client's error, named here. Null when the query is well-formed.
    /// </summary>
    public static string? Check(JournalQuery query)
    {
        if (!BootDescriptor.TryParse(query.Boot, out _))
        {
            return $"invalid boot \"{query.Boot}\": expected an offset such as 0 or -1, \"all\", "
                + "or a 32-digit boot ID with an optional offset";
        }

        if (query.Entries is { } entries && !JournalctlArguments.TryParseLines(entries, out _))
        {
            return $"invalid entries \"{entries}\": expected a number of entries or \"all\"";
        }

        if (query.Unit is { Length: > UnitNameMax })
        {
            return $"invalid unit: longer than {UnitNameMax} characters";
        }

        if (query.Unit is { } unit && unit.Any(char.IsControl))
        {
            return "invalid unit: control characters are not allowed in a unit name";
        }

        return null;
    }

    // Go's QueryUnescape: '+' is a space, '%' needs two hex digits; bytes are read as UTF-8.
    private static bool TryUnescape(string text, out string value, ref string? error)
    {
        value = text;
        if (text.AsSpan().IndexOfAny('%', '+') < 0)
        {
            return true;
        }

        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !Uri.IsHexDigit(text[i + 1]) || !Uri.IsHexDigit(text[i + 2]))
                {
                    var bad = text.Substring(i, Math.Min(3, text.Length - i));
                    error ??= $"invalid URL escape \"{bad}\"";
                    return false;
                }

                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        value = Encoding.UTF8.GetString(bytes.ToArray());

        return true;
    }
}
