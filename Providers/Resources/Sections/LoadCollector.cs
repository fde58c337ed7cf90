using System.Globalization;
using IncusOs.Providers.Resources.Wire;

namespace IncusOs.Providers.Resources.Sections;

/// <summary>
/// The <c>load</c> section (resources.md §13): the three load averages (the third is the 15-minute one,
/// reported as <c>Average10Min</c>) and the number of PIDs in <c>/proc</c>.
/// </summary>
public static class LoadCollector
{
    public static ResourcesLoad Collect(CollectContext context)
    {
        var fields = context.Read("/proc/loadavg").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3)
        {
            throw new ProviderException("Failed to parse \"/proc/loadavg\": fewer than three fields");
        }

        long processes = 0;
        foreach (var entry in context.Tree.List("/proc"))
        {
            if (int.TryParse(entry, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                processes++;
            }
        }

        return new ResourcesLoad
        {
            Average1Min = Parse(fields[0]),
            Average5Min = Parse(fields[1]),
            Average15Min = Parse(fields[2]),
            Processes = processes,
        };
    }

    private static double Parse(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ProviderException($"Failed to parse \"/proc/loadavg\": invalid number \"{text}\"");
}
