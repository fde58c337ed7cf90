using System.Globalization;

namespace IncusOs.Providers.Journal;

/// <summary>
/// systemd's <c>safe_atoi</c>: <c>strtol</c> with base 0 (leading blanks, a sign, <c>0x</c> hex,
/// <c>0</c> octal), the whole string consumed, the value inside a C <c>int</c>.
/// </summary>
public static class CInteger
{
    public static bool TryParseInt(string text, out int value)
    {
        value = 0;
        var i = 0;
        while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r')
        {
            i++;
        }

        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        var radix = 10;
        if (i + 1 < text.Length && text[i] == '0' && text[i + 1] is 'x' or 'X' && i + 2 < text.Length
            && Uri.IsHexDigit(text[i + 2]))
        {
            radix = 16;
            i += 2;
        }
        else if (i < text.Length && text[i] == '0')
        {
            radix = 8;
        }

        if (i >= text.Length)
        {
            return false;
        }

        long magnitude = 0;
        for (; i < text.Length; i++)
        {
            var digit = text[i] switch
            {
                >= '0' and <= '9' => text[i] - '0',
                >= 'a' and <= 'f' => text[i] - 'a' + 10,
                >= 'A' and <= 'F' => text[i] - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return false;
            }

            magnitude = (magnitude * radix) + digit;
            if (magnitude > 1L << 31)
            {
                return false;
            }
        }

        var signed = negative ? -magnitude : magnitude;
        if (signed is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        value = (int)signed;

        return true;
    }

    /// <summary>The offset as journalctl prints it in its error (<c>%+i</c>).</summary>
    public static string Signed(int value) =>
        value >= 0 ? "+" + value.ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
}
