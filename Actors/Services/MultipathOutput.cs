using System.Globalization;
using System.Text.RegularExpressions;

namespace IncusOs.Actors.Services;

/// <summary>Reads one device from <c>multipath -ll WWN</c> output, field by field as services.md §5 says.</summary>
internal static partial class MultipathOutput
{
    /// <summary>The device, or null when the output has fewer than three lines.</summary>
    public static MultipathDevice? Parse(string output)
    {
        var lines = output.Split('\n');
        if (lines.Length < 3)
        {
            return null;
        }

        var head = lines[0].Split(' ', 3);
        var size = lines[1].Split(' ')[0].Replace("size=", string.Empty, StringComparison.Ordinal);
        var groups = new List<MultipathPathGroup>();
        List<MultipathPath>? paths = null;
        foreach (var line in lines.Skip(2))
        {
            if (line.Contains("policy=", StringComparison.Ordinal))
            {
                paths = [];
                groups.Add(Group(line, paths));
                continue;
            }

            if (paths is null)
            {
                continue;
            }

            var parts = line.Split("- ");
            if (parts.Length != 2)
            {
                continue;
            }

            var fields = parts[1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2)
            {
                paths.Add(new MultipathPath { Id = fields[0], Status = fields[^1] });
            }
        }

        var vendor = head.Length > 2 ? head[2] : string.Empty;

        return new MultipathDevice { Vendor = vendor, Size = size, PathGroups = groups };
    }

    private static MultipathPathGroup Group(string line, List<MultipathPath> paths)
    {
        var match = GroupPattern().Match(line);
        if (!match.Success
            || !ulong.TryParse(
                match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var priority))
        {
            return new MultipathPathGroup { Paths = paths };
        }

        return new MultipathPathGroup
        {
            Policy = match.Groups[1].Value,
            Priority = priority,
            Status = match.Groups[3].Value,
            Paths = paths,
        };
    }

    [GeneratedRegex(@"policy='([^']*)' prio=(\S+) status=(\S+)\s*$")]
    private static partial Regex GroupPattern();
}
