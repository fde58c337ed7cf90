using System.Globalization;

namespace IncusOs.Providers.Resources.Sections;

/// <summary>
/// The meminfo parser shared by <c>/proc/meminfo</c> and the per-node files (resources.md §6.2): the key is the
/// last word before the colon, <c>kB</c> means KiB, bare numbers are page counts.
/// </summary>
public static class MeminfoParser
{
    private static readonly HashSet<string> Used =
    [
        "MemTotal", "MemFree", "MemUsed", "Cached", "Buffers", "HugePages_Total", "HugePages_Free", "Hugepagesize",
    ];

    public static Dictionary<string, ulong> Parse(string text, string source)
    {
        var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            var words = line[..colon].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || !Used.Contains(words[^1]))
            {
                continue;
            }

            var value = ReplaceFirst(line[(colon + 1)..].Trim(), " kB", "KiB");
            values[words[^1]] = ParseSize(value, source);
        }

        return values;
    }

    /// <summary>
    /// An integer with an optional binary unit (<c>KiB</c>, <c>MiB</c>, …); no unit means the number itself.
    /// </summary>
    public static ulong ParseSize(string text, string source)
    {
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        var unit = text[digits..].Trim();
        ulong multiplier = unit switch
        {
            "" or "B" => 1,
            "KiB" => 1UL << 10,
            "MiB" => 1UL << 20,
            "GiB" => 1UL << 30,
            "TiB" => 1UL << 40,
            _ => 0,
        };
        if (digits == 0 || multiplier == 0
            || !ulong.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new ProviderException($"Failed to parse \"{source}\": invalid size \"{text}\"");
        }

        return value * multiplier;
    }

    private static string ReplaceFirst(string text, string old, string replacement)
    {
        var index = text.IndexOf(old, StringComparison.Ordinal);

        return index < 0 ? text : text[..index] + replacement + text[(index + old.Length)..];
    }
}
