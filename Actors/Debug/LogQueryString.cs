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
