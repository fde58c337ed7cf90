using System.Formats.Asn1;
using System.Text;

namespace IncusOs.Tests.Security;

/// <summary>
/// The fixture index records names in OpenSSL's RFC 2253 form (attributes in certificate order,
/// reversed; <c>emailAddress=</c>). Go's <c>pkix.Name.String()</c> regroups the same attributes in a
/// fixed order and prints unknown ones as <c>OID=#DER</c>; this rewrites one form into the other.
/// </summary>
internal static class GoNameForm
{
    private static readonly string[] Rank = ["SERIALNUMBER", "CN", "OU", "O", "POSTALCODE", "STREET", "L", "ST", "C"];

    public static string FromOpenSsl(string name)
    {
        var parts = SplitUnescaped(name);
        var known = Rank.SelectMany(r => parts.Where(p => p.StartsWith(r + "=", StringComparison.Ordinal)));
        var unknown = parts.Where(p => !Rank.Any(r => p.StartsWith(r + "=", StringComparison.Ordinal)))
            .Select(ToOidForm);

        return string.Join(',', known.Concat(unknown));
    }

    private static string ToOidForm(string part)
    {
        var (type, value) = (part[..part.IndexOf('=')], part[(part.IndexOf('=') + 1)..]);
        var oid = type switch
        {
            "emailAddress" => "1.2.840.113549.1.9.1",
            _ => throw new InvalidOperationException("no OID known for " + type),
        };
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.UTF8String, value);

        return oid + "=#" + Convert.ToHexStringLower(writer.Encode());
    }

    private static List<string> SplitUnescaped(string name)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '\\' && i + 1 < name.Length)
            {
                current.Append(name[i]).Append(name[++i]);
            }
            else if (name[i] == ',')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(name[i]);
            }
        }

        parts.Add(current.ToString());

        return parts;
    }
}
