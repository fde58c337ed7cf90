using System.Text;

namespace IncusOs.Providers.Resources.Sections;

/// <summary>
/// The CPU vendor and model from the SMBIOS tables in sysfs (type 4, processor information), used only when
/// <c>/proc/cpuinfo</c> names neither. Any problem means no fallback; nothing here is fatal.
/// </summary>
public static class SmbiosCpu
{
    private const string EntryPoint = "/sys/firmware/dmi/tables/smbios_entry_point";
    private const string Table = "/sys/firmware/dmi/tables/DMI";

    public static (string Vendor, string Model)? Read(SysTree tree)
    {
        try
        {
            if (!tree.Exists(EntryPoint) || !ValidEntryPoint(tree.ReadBytes(EntryPoint)))
            {
                return null;
            }

            return FindProcessor(tree.ReadBytes(Table));
        }
        catch (ProviderException)
        {
            return null;
        }
    }

    public static bool ValidEntryPoint(byte[] entry)
    {
        int length;
        if (entry.Length >= 24 && Encoding.ASCII.GetString(entry, 0, 5) == "_SM3_")
        {
            length = entry[6];
        }
        else if (entry.Length >= 31 && Encoding.ASCII.GetString(entry, 0, 4) == "_SM_")
        {
            length = entry[5];
        }
        else
        {
            return false;
        }

        if (length == 0 || length > entry.Length)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < length; i++)
        {
            sum += entry[i];
        }

        return (sum & 0xFF) == 0;
    }

    /// <summary>The first type-4 structure with at least three strings whose 2nd and 3rd are non-empty.</summary>
    public static (string Vendor, string Model)? FindProcessor(byte[] table)
    {
        var pos = 0;
        while (pos + 4 <= table.Length)
        {
            var type = table[pos];
            var length = table[pos + 1];
            if (length < 4 || pos + length > table.Length)
            {
                return null;
            }

            var strings = new List<string>();
            var p = pos + length;
            if (p + 1 < table.Length && table[p] == 0 && table[p + 1] == 0)
            {
                p += 2;
            }
            else
            {
                while (p < table.Length)
                {
                    var end = Array.IndexOf(table, (byte)0, p);
                    if (end < 0)
                    {
                        return null;
                    }

                    strings.Add(Encoding.UTF8.GetString(table, p, end - p));
                    p = end + 1;
                    if (p < table.Length && table[p] == 0)
                    {
                        p++;
                        break;
                    }
                }
            }

            if (type == 127)
            {
                return null;
            }

            if (type == 4 && strings.Count >= 3 && strings[1].Length > 0 && strings[2].Length > 0)
            {
                return (strings[1], strings[2]);
            }

            pos = p;
        }

        return null;
    }
}
