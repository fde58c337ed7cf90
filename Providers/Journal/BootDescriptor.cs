namespace IncusOs.Providers.Journal;

/// <summary>
/// The argument of <c>journalctl -b</c> as systemd 252 reads it: <c>all</c>, an offset (<c>0</c> the
/// current boot, <c>-1</c> the one before, <c>1</c> the first in the journal), or a 32-digit boot id
/// optionally followed by a signed offset from that boot.
/// </summary>
public sealed record BootDescriptor(string? BootId, int Offset, bool All)
{
    public static readonly BootDescriptor Current = new(null, 0, false);

    public static bool TryParse(string text, out BootDescriptor descriptor)
    {
        descriptor = Current;
        if (text == "all")
        {
            descriptor = new BootDescriptor(null, 0, true);
            return true;
        }

        string? id = null;
        var rest = text;
        if (text.Length >= 32 && IsHex(text.AsSpan(0, 32)))
        {
            id = text[..32].ToLowerInvariant();
            rest = text[32..];
            if (rest.Length == 0)
            {
                descriptor = new BootDescriptor(id, 0, false);
                return true;
            }

            if (rest[0] is not ('+' or '-'))
            {
                return false;
            }
        }

        if (!CInteger.TryParseInt(rest, out var offset))
        {
            return false;
        }

        descriptor = new BootDescriptor(id, offset, false);

        return true;
    }

    /// <summary>How journalctl names the boot in "Data from the specified boot (...) is not available".</summary>
    public string Describe() => BootId ?? CInteger.Signed(Offset);

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!Uri.IsHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
