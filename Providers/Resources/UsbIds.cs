using System.Globalization;

namespace IncusOs.Providers.Resources;

/// <summary>
/// The USB name database (<c>usb.ids</c>): vendors with their products, and interface classes with their
/// subclasses, by numeric id. A line without the two-space separator makes the whole file unusable, as in
/// the reference, and names then stay empty.
/// </summary>
public sealed class UsbIds
{
    private readonly Dictionary<ushort, (string Name, Dictionary<ushort, string> Children)> _vendors;
    private readonly Dictionary<ushort, (string Name, Dictionary<ushort, string> Children)> _classes;

    private UsbIds(
        Dictionary<ushort, (string, Dictionary<ushort, string>)> vendors,
        Dictionary<ushort, (string, Dictionary<ushort, string>)> classes)
    {
        _vendors = vendors;
        _classes = classes;
    }

    public static UsbIds Empty { get; } = new(new(), new());

    /// <summary>The file parsed, or <see cref="Empty"/> when it is missing, unreadable or malformed.</summary>
    public static UsbIds Load(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return Empty;
            }

            using var reader = new StreamReader(path);

            return Parse(reader) ?? Empty;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Empty;
        }
    }

    /// <summary>Null when a line is malformed (the whole file is then unusable).</summary>
    public static UsbIds? Parse(TextReader reader)
    {
        var vendors = new Dictionary<ushort, (string, Dictionary<ushort, string>)>();
        var classes = new Dictionary<ushort, (string, Dictionary<ushort, string>)>();
        Dictionary<ushort, (string, Dictionary<ushort, string>)>? section = null;
        Dictionary<ushort, string>? children = null;
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim().Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var depth = 0;
            while (depth < line.Length && line[depth] == '\t')
            {
                depth++;
            }

            var text = line[depth..];
            var separator = text.IndexOf("  ", StringComparison.Ordinal);
            if (separator < 0)
            {
                return null;
            }

            var left = text[..separator];
            var name = text[(separator + 2)..].Trim();
            var space = left.IndexOf(' ');
            var kind = space < 0 ? string.Empty : left[..space];
            var idText = space < 0 ? left : left[(space + 1)..];
            if (!ushort.TryParse(idText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id))
            {
                return null;
            }

            if (depth == 0)
            {
                section = kind switch
                {
                    "" => vendors,
                    "C" => classes,
                    _ => null,
                };
                children = null;
                if (section is not null)
                {
                    children = new();
                    section.TryAdd(id, (name, children));
                }
            }
            else if (depth == 1 && children is not null)
            {
                children.TryAdd(id, name);
            }
        }

        return new UsbIds(vendors, classes);
    }

    public string VendorName(ushort vendor) => _vendors.TryGetValue(vendor, out var v) ? v.Name : string.Empty;

    public string ProductName(ushort vendor, ushort product) =>
        _vendors.TryGetValue(vendor, out var v) ? v.Children.GetValueOrDefault(product, string.Empty) : string.Empty;

    public string ClassName(ushort @class) => _classes.TryGetValue(@class, out var c) ? c.Name : string.Empty;

    public string SubclassName(ushort @class, ushort subclass) =>
        _classes.TryGetValue(@class, out var c) ? c.Children.GetValueOrDefault(subclass, string.Empty) : string.Empty;
}
