using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Providers.Journal;

/// <summary>
/// Re-encodes one line of <c>journalctl -o json</c> as the reference does after decoding it into a Go
/// map: keys sorted, strings escaped as Go's encoder does without HTML escaping, numbers as float64.
/// </summary>
public static class JournalJson
{
    private static readonly JsonSerializerSettings ReadSettings = new()
    {
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Double,
        MaxDepth = 64,
    };

    /// <summary>Parses a line that must hold exactly one JSON object, and re-encodes it.</summary>
    /// <exception cref="ProviderException">The line is not one JSON object.</exception>
    public static string Normalise(string line)
    {
        JObject entry;
        try
        {
            using var reader = new JsonTextReader(new StringReader(line))
            {
                DateParseHandling = ReadSettings.DateParseHandling,
                FloatParseHandling = ReadSettings.FloatParseHandling,
                MaxDepth = ReadSettings.MaxDepth,
            };
            var token = JToken.ReadFrom(reader);
            if (token is not JObject obj)
            {
                var kind = token.Type.ToString().ToLowerInvariant();
                throw new ProviderException(
                    $"json: cannot unmarshal {kind} into Go value of type map[string]interface {{}}");
            }

            if (reader.Read())
            {
                throw new ProviderException($"invalid character after top-level value: {line}");
            }

            entry = obj;
        }
        catch (JsonException ex)
        {
            throw new ProviderException(ex.Message, ex);
        }

        var text = new StringBuilder(line.Length + 16);
        Write(text, entry);

        return text.ToString();
    }

    /// <summary>Writes <paramref name="token"/> as Go's encoder would write its decoded form.</summary>
    public static void Write(StringBuilder text, JToken token)
    {
        switch (token)
        {
            case JObject obj:
                WriteObject(text, obj);
                break;
            case JArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Write(text, array[i]);
                }

                text.Append(']');
                break;
            case JValue { Type: JTokenType.String } value:
                WriteString(text, (string)value.Value!);
                break;
            case JValue { Type: JTokenType.Integer or JTokenType.Float } value:
                text.Append(FormatNumber(Convert.ToDouble(value.Value, CultureInfo.InvariantCulture)));
                break;
            case JValue { Type: JTokenType.Boolean } value:
                text.Append((bool)value.Value! ? "true" : "false");
                break;
            default:
                text.Append("null");
                break;
        }
    }

    /// <summary>A JSON string literal escaped as Go's encoder does with HTML escaping off.</summary>
    public static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case '\u2028':
                case '\u2029':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                case < ' ':
                    text.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsSurrogate(c))
                    {
                        if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                        {
                            text.Append(c).Append(value[++i]);
                        }
                        else
                        {
                            // Go replaces an unpaired surrogate by U+FFFD when it decodes the line.
                            text.Append('\uFFFD');
                        }
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }

    private static void WriteObject(StringBuilder text, JObject obj)
    {
        var properties = obj.Properties().ToList();
        properties.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        text.Append('{');
        for (var i = 0; i < properties.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            WriteString(text, properties[i].Name);
            text.Append(':');
            Write(text, properties[i].Value);
        }

        text.Append('}');
    }

    // Go writes float64 in plain decimal between 1e-6 and 1e21, with an exponent ("1e-7") outside.
    private static string FormatNumber(double value)
    {
        var abs = Math.Abs(value);
        if (abs == 0 || (abs >= 1e-6 && abs < 1e21))
        {
            return value == Math.Floor(value) && abs < 7.9e27
                ? ((decimal)value).ToString(CultureInfo.InvariantCulture)
                : value.ToString("R", CultureInfo.InvariantCulture) switch
                {
                    var r when r.Contains('E') => ((decimal)value).ToString(CultureInfo.InvariantCulture),
                    var r => r,
                };
        }

        var e = value.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant();
        var at = e.IndexOf('e');
        var mantissa = e[..at];
        var exponent = int.Parse(e[(at + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var digits = Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);

        // strconv pads the exponent to two digits; the encoder strips the pad of negative ones.
        return exponent < 0 ? $"{mantissa}e-{digits}" : $"{mantissa}e+{digits.PadLeft(2, '0')}";
    }
}
