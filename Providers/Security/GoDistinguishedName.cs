using System.Formats.Asn1;
using System.Text;

namespace IncusOs.Providers.Security;

/// <summary>
/// Formats an X.501 Name the way Go's <c>pkix.Name.String()</c> does (security.md §2.2): attributes
/// regrouped into the fixed order SERIALNUMBER, CN, OU, O, POSTALCODE, STREET, L, ST, C, then other
/// attributes as <c>OID=#hex(DER)</c>, joined by commas without spaces, with RFC 2253 escaping.
/// </summary>
public static class GoDistinguishedName
{
    private static readonly string[] GroupedOrder =
        ["2.5.4.6", "2.5.4.8", "2.5.4.7", "2.5.4.9", "2.5.4.17", "2.5.4.10", "2.5.4.11"];

    private static readonly Dictionary<string, string> ShortNames = new()
    {
        ["2.5.4.6"] = "C",
        ["2.5.4.10"] = "O",
        ["2.5.4.11"] = "OU",
        ["2.5.4.3"] = "CN",
        ["2.5.4.5"] = "SERIALNUMBER",
        ["2.5.4.7"] = "L",
        ["2.5.4.8"] = "ST",
        ["2.5.4.9"] = "STREET",
        ["2.5.4.17"] = "POSTALCODE",
    };

    /// <summary>Formats the DER encoding of a Name (a certificate's subject or issuer).</summary>
    public static string Format(ReadOnlyMemory<byte> nameDer)
    {
        var attributes = ReadAttributes(nameDer);
        var sequence = new List<(string Oid, string Value)>();

        // Go puts attributes it has no field for first, so that they print last.
        sequence.AddRange(attributes.Where(a => !ShortNames.ContainsKey(a.Oid)));
        foreach (var oid in GroupedOrder)
        {
            sequence.AddRange(attributes.Where(a => a.Oid == oid));
        }

        foreach (var single in new[] { "2.5.4.3", "2.5.4.5" })
        {
            var last = attributes.LastOrDefault(a => a.Oid == single);
            if (last.Oid is not null && last.Value.Length > 0)
            {
                sequence.Add(last);
            }
        }

        var parts = new List<string>(sequence.Count);
        for (var i = sequence.Count - 1; i >= 0; i--)
        {
            var (oid, value) = sequence[i];
            parts.Add(ShortNames.TryGetValue(oid, out var name)
                ? name + "=" + Escape(value)
                : oid + "=#" + Convert.ToHexStringLower(MarshalString(value)));
        }

        return string.Join(',', parts);
    }

    private static List<(string Oid, string Value)> ReadAttributes(ReadOnlyMemory<byte> nameDer)
    {
        var result = new List<(string, string)>();
        var name = new AsnReader(nameDer, AsnEncodingRules.BER).ReadSequence();
        while (name.HasData)
        {
            var rdn = name.ReadSetOf(skipSortOrderValidation: true);
            while (rdn.HasData)
            {
                var atv = rdn.ReadSequence();
                var oid = atv.ReadObjectIdentifier();
                if (TryReadString(atv, out var value))
                {
                    result.Add((oid, value));
                }
            }
        }

        return result;
    }

    private static bool TryReadString(AsnReader reader, out string value)
    {
        value = string.Empty;
        var tag = reader.PeekTag();
        if (tag.TagClass != TagClass.Universal)
        {
            reader.ReadEncodedValue();
            return false;
        }

        switch ((UniversalTagNumber)tag.TagValue)
        {
            case UniversalTagNumber.PrintableString:
            case UniversalTagNumber.UTF8String:
            case UniversalTagNumber.IA5String:
            case UniversalTagNumber.NumericString:
            case UniversalTagNumber.BMPString:
                value = reader.ReadCharacterString((UniversalTagNumber)tag.TagValue);
                return true;
            case UniversalTagNumber.T61String:
                value = Encoding.Latin1.GetString(reader.ReadOctetString(tag));
                return true;
            default:
                reader.ReadEncodedValue();
                return false;
        }
    }

    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length + 4);
        var bytes = Encoding.UTF8.GetByteCount(value);
        var byteIndex = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            var escape = rune.Value switch
            {
                ',' or '+' or '"' or '\\' or '<' or '>' or ';' => true,
                ' ' => byteIndex == 0 || byteIndex == bytes - 1,
                '#' => byteIndex == 0,
                _ => false,
            };
            if (escape)
            {
                builder.Append('\\');
            }

            builder.Append(rune.ToString());
            byteIndex += rune.Utf8SequenceLength;
        }

        return builder.ToString();
    }

    /// <summary>Go's <c>asn1.Marshal(string)</c>: PrintableString when the characters allow, else UTF8String.</summary>
    private static byte[] MarshalString(string value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(
            value.All(IsPrintable) ? UniversalTagNumber.PrintableString : UniversalTagNumber.UTF8String, value);

        return writer.Encode();
    }

    private static bool IsPrintable(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
            or '\'' or '(' or ')' or '+' or ',' or '-' or '.' or '/' or ':' or '=' or '?' or ' ';
}
