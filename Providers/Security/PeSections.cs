using System.Buffers.Binary;
using System.Text;

namespace IncusOs.Providers.Security;

/// <summary>Reads a named section's raw bytes from a PE image (a UKI), per the PE/COFF specification.</summary>
public static class PeSections
{
    /// <summary>The section's raw data, or null when the image has no such section.</summary>
    public static byte[]? Read(ReadOnlySpan<byte> image, string name)
    {
        if (image.Length < 0x40 || image[0] != 'M' || image[1] != 'Z')
        {
            throw new ProviderException("not a PE image");
        }

        var pe = (int)BinaryPrimitives.ReadUInt32LittleEndian(image[0x3c..]);
        if (pe < 0 || pe + 24 > image.Length || !image.Slice(pe, 4).SequenceEqual("PE\0\0"u8))
        {
            throw new ProviderException("not a PE image");
        }

        var sections = BinaryPrimitives.ReadUInt16LittleEndian(image[(pe + 6)..]);
        var optionalSize = BinaryPrimitives.ReadUInt16LittleEndian(image[(pe + 20)..]);
        var table = pe + 24 + optionalSize;
        for (var i = 0; i < sections; i++)
        {
            var header = table + (40 * i);
            if (header + 40 > image.Length)
            {
                throw new ProviderException("truncated PE section table");
            }

            var sectionName = Encoding.ASCII.GetString(image.Slice(header, 8)).TrimEnd('\0');
            if (sectionName != name)
            {
                continue;
            }

            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(image[(header + 16)..]);
            var offset = (int)BinaryPrimitives.ReadUInt32LittleEndian(image[(header + 20)..]);
            if (offset < 0 || size < 0 || offset + size > image.Length)
            {
                throw new ProviderException($"PE section {name} lies outside the image");
            }

            return image.Slice(offset, size).ToArray();
        }

        return null;
    }
}
