using System.Globalization;

namespace IncusOs.Actors.Update;

/// <summary>Versions are <c>YYYYMMDDhhmm</c>; "newer" means both parse as integers and compare greater.</summary>
public static class UpdateVersions
{
    public static bool IsNewer(string candidate, string current) =>
        long.TryParse(candidate, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var a)
        && long.TryParse(current, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var b)
        && a > b;
}
