using System.Buffers.Binary;
using System.Text;

namespace IncusOs.Providers.Update;

/// <summary>Reads one named section of a PE image (a UKI), per the PE/COFF layout.</summary>
internal static class PeSection
{
    public static byte[]? Read(string path, string sectionName)
    {
        using var file = File.OpenRead(path);
        var header = new byte[4096];
        var length = file.Read(header);
        if (length < 0x40 || header[0] != 'M' || header[1] != 'Z')
        {
            return null;
        }

        var pe = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(0x3c));
        if (pe < 0 || pe + 24 > length || !header.AsSpan(pe, 4).SequenceEqual("PE\0\0"u8))
        {
            return null;
        }

        var sections = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(pe + 6));
        var optional = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(pe + 20));
        var table = pe + 24 + optional;
        for (var i = 0; i < sections && table + ((i + 1) * 40) <= length; i++)
        {
            var entry = header.AsSpan(table + (i * 40), 40);
            var name = Encoding.ASCII.GetString(entry[..8]).TrimEnd('\0');
            if (name != sectionName)
            {
                continue;
            }

            var virtualSize = BinaryPrimitives.ReadInt32LittleEndian(entry[8..]);
            var rawSize = BinaryPrimitives.ReadInt32LittleEndian(entry[16..]);
            var offset = BinaryPrimitives.ReadInt32LittleEndian(entry[20..]);
            var data = new byte[Math.Min(virtualSize, rawSize)];
            file.Position = offset;
            file.ReadExactly(data);

            return data;
        }

        return null;
    }
}
