using System.Globalization;
using System.Text;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>
/// Formats a double the way Go's <c>encoding/json</c> does: the shortest text that round-trips, plain
/// decimal between 1e-6 and 1e21 (<c>480</c>, <c>1.5</c>, <c>0.08</c>), exponent form outside that range with
/// a sign and at least one exponent digit (<c>1e+21</c>, <c>1e-7</c>).
/// </summary>
public static class GoFloat
{
    public static string Format(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON has no form for NaN or infinity");
        }

        if (value == 0)
        {
            return "0";
        }

        var (negative, digits, exponent) = Decompose(value);
        var abs = Math.Abs(value);
        var text = abs < 1e-6 || abs >= 1e21 ? Scientific(digits, exponent) : Fixed(digits, exponent);

        return negative ? "-" + text : text;
    }

    // Shortest round-trip digits and the decimal exponent of the first digit (d.ddd × 10^exponent).
    private static (bool Negative, string Digits, int Exponent) Decompose(double value)
    {
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        shortest = shortest.TrimStart('-');

        var exponentPart = 0;
        var ePos = shortest.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            exponentPart = int.Parse(
                shortest.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            shortest = shortest[..ePos];
        }

        var dot = shortest.IndexOf('.');
        var intPart = dot >= 0 ? shortest[..dot] : shortest;
        var fracPart = dot >= 0 ? shortest[(dot + 1)..] : string.Empty;
        var all = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - all.Length;
        var exponent = intPart.Length - 1 - leadingZeros + exponentPart;

        return (negative, all.TrimEnd('0'), exponent);
    }

    private static string Fixed(string digits, int exponent)
    {
        var sb = new StringBuilder();
        if (exponent < 0)
        {
            sb.Append("0.").Append('0', -exponent - 1).Append(digits);
        }
        else if (digits.Length <= exponent + 1)
        {
            sb.Append(digits).Append('0', exponent + 1 - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, exponent + 1).Append('.').Append(digits, exponent + 1, digits.Length - exponent - 1);
        }

        return sb.ToString();
    }

    private static string Scientific(string digits, int exponent)
    {
        var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        var sign = exponent < 0 ? "-" : "+";
        var exp = Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);

        return mantissa + "e" + sign + exp;
    }
}
