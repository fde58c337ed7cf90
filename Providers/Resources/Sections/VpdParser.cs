using System.Text;
using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Providers.Resources.Sections;

/// <summary>
/// PCI vital product data (resources.md §11.2 rule 3, PCI Local Bus spec §6.4): the product name tag
/// (0x82) and the read-only/read-write keyword areas (0x90/0x91), bounds-checked throughout.
/// </summary>
public static class VpdParser
{
    private static readonly HashSet<string> Keys = ["CC", "EC", "FC", "FN", "MN", "NA", "PN", "RM", "SN"];

    public static ResourcesPciVpd Parse(byte[] data)
    {
        var vpd = new ResourcesPciVpd();
        var pos = 0;
        while (pos < data.Length)
        {
            var tag = data[pos++];
            int length;
            if ((tag & 0x80) != 0)
            {
                if (data.Length - pos < 2)
                {
                    break;
                }

                length = data[pos] | (data[pos + 1] << 8);
                pos += 2;
            }
            else
            {
                length = tag & 0x07;
            }

            switch (tag)
            {
                case 0x82:
                    var size = Math.Min(length, data.Length - pos);
                    vpd.ProductName = Clean(data.AsSpan(pos, size));
                    pos += size;
                    break;
                case 0x90:
                case 0x91:
                    var end = Math.Min(pos + length, data.Length);
                    ParseKeywords(data.AsSpan(pos, end - pos), vpd);
                    pos = end;
                    break;
                default:
                    if (data.Length - pos >= length)
                    {
                        pos += length;
                    }

                    break;
            }
        }

        return vpd;
    }

    private static void ParseKeywords(ReadOnlySpan<byte> area, ResourcesPciVpd vpd)
    {
        var pos = 0;
        while (pos + 3 <= area.Length)
        {
            var key = Clean(area.Slice(pos, 2));
            var length = area[pos + 2];
            pos += 3;
            if (length == 0)
            {
                continue;
            }

            var size = Math.Min(length, area.Length - pos);
            var value = Clean(area.Slice(pos, size));
            pos += size;
            if (key.Length > 0 && (key[0] is 'V' or 'Y' or 'Z' || Keys.Contains(key)))
            {
                vpd.Entries ??= new SortedDictionary<string, string>(StringComparer.Ordinal);
                vpd.Entries[key] = value;
            }
        }
    }

    private static string Clean(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes).Trim('\0', ' ');
}
