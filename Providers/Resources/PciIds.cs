using System.IO.Compression;

namespace IncusOs.Providers.Resources;

/// <summary>
/// The PCI name database (<c>pci.ids</c>): vendor names and, per vendor, the first product of each id in
/// file order. Ids are the lower-case 4-digit strings sysfs gives without <c>0x</c>.
/// </summary>
public sealed class PciIds
{
    private readonly Dictionary<string, (string Name, Dictionary<string, string> Products)> _vendors;

    private PciIds(Dictionary<string, (string Name, Dictionary<string, string> Products)> vendors)
    {
        _vendors = vendors;
    }

    public static PciIds Empty { get; } = new(new(StringComparer.Ordinal));

    /// <summary>
    /// The first candidate that exists, parsed; <see cref="Empty"/> when none exists or it cannot be read.
    /// </summary>
    public static PciIds Load(IEnumerable<string> candidates)
    {
        foreach (var path in candidates)
        {
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                using var file = File.OpenRead(path);
                using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal)
                    ? new GZipStream(file, CompressionMode.Decompress)
                    : file;
                using var reader = new StreamReader(stream);

                return Parse(reader);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                return Empty;
            }
        }

        return Empty;
    }

    public static PciIds Parse(TextReader reader)
    {
        var vendors = new Dictionary<string, (string, Dictionary<string, string>)>(StringComparer.Ordinal);
        Dictionary<string, string>? products = null;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('C'))
            {
                break;
            }

            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("\t\t", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith('\t'))
            {
                if (products is not null && TrySplit(line.AsSpan(1), out var productId, out var productName))
                {
                    products.TryAdd(productId, productName);
                }

                continue;
            }

            if (TrySplit(line, out var vendorId, out var vendorName))
            {
                products = new Dictionary<string, string>(StringComparer.Ordinal);
                vendors.TryAdd(vendorId, (vendorName, products));
            }
            else
            {
                products = null;
            }
        }

        return new PciIds(vendors);
    }

    /// <summary>Vendor name (empty when unknown) and product name (empty when unknown).</summary>
    public (string Vendor, string Product) Lookup(string vendorId, string productId)
    {
        if (!_vendors.TryGetValue(vendorId, out var vendor))
        {
            return (string.Empty, string.Empty);
        }

        return (vendor.Name, vendor.Products.GetValueOrDefault(productId, string.Empty));
    }

    private static bool TrySplit(ReadOnlySpan<char> line, out string id, out string name)
    {
        id = name = string.Empty;
        if (line.Length < 7 || line[4] != ' ' || line[5] != ' ' || !IsHex(line[..4]))
        {
            return false;
        }

        id = line[..4].ToString().ToLowerInvariant();
        name = line[6..].Trim().ToString();

        return true;
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
