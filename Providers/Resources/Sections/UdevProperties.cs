using System.Globalization;
using System.Text;

namespace IncusOs.Providers.Resources.Sections;

/// <summary>
/// The udev database record of a device (resources.md §4.10): its <c>E:</c> lines as key/value pairs.
/// </summary>
public static class UdevProperties
{
    /// <summary>Keys keep their <c>E:</c> prefix; both sides are trimmed; lines without <c>=</c> are ignored.</summary>
    public static Dictionary<string, string> Parse(string text)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var equals = line.IndexOf('=');
            if (!line.StartsWith("E:", StringComparison.Ordinal) || equals < 0)
            {
                continue;
            }

            properties[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }

        return properties;
    }

    /// <summary>
    /// <c>ID_MODEL_ENC</c> with each <c>\xHH</c> decoded, trimmed; <c>ID_MODEL</c> when it is empty or does
    /// not decode; "" when neither gives a model.
    /// </summary>
    public static string DecodeModel(string encoded, string plain)
    {
        if (encoded.Length == 0)
        {
            return plain;
        }

        var bytes = new List<byte>();
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '\\' && i + 1 < encoded.Length && encoded[i + 1] == 'x')
            {
                if (i + 4 > encoded.Length || !byte.TryParse(
                        encoded.AsSpan(i + 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture,
                        out var value))
                {
                    return plain;
                }

                bytes.Add(value);
                i += 3;
                continue;
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(encoded[i].ToString()));
        }

        return Encoding.UTF8.GetString(bytes.ToArray()).Trim();
    }
}
