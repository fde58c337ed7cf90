namespace IncusOs.Providers.Update;

/// <summary>The newest release a source offers: its version (<c>YYYYMMDDhhmm</c>) and its files.</summary>
public sealed record UpdateRelease(string Version, IReadOnlyList<UpdateAsset> Assets)
{
    /// <summary>
    /// The OS files to stage: names starting with <c>OSNAME_</c> and holding the version, except whole
    /// disk images (<c>.img</c>, <c>.iso</c>, <c>.raw</c> after the first dot) and Secure Boot key archives.
    /// Empty when the release carries no OS update.
    /// </summary>
    public IReadOnlyList<UpdateAsset> OsAssets(string osName)
    {
        var prefix = osName + "_";
        var keys = osName + "_SecureBootKeys_";

        return Assets
            .Where(a => a.Name.StartsWith(prefix, StringComparison.Ordinal)
                        && !a.Name.StartsWith(keys, StringComparison.Ordinal)
                        && a.Name.Contains(Version, StringComparison.Ordinal)
                        && !IsDiskImage(a.StoredName))
            .ToList();
    }

    /// <summary>The image of application <paramref name="name"/> (<c>NAME.raw</c> or <c>NAME.raw.gz</c>).</summary>
    public UpdateAsset? ApplicationAsset(string name) =>
        Assets.FirstOrDefault(a => a.StoredName == name + ".raw");

    /// <summary>A Secure Boot key archive of this release (<c>OSNAME_SecureBootKeys_VERSION...</c>).</summary>
    public UpdateAsset? SecureBootAsset(string osName) =>
        Assets.FirstOrDefault(a => a.Name.StartsWith(osName + "_SecureBootKeys_", StringComparison.Ordinal)
                                   && a.Name.Contains(Version, StringComparison.Ordinal));

    private static bool IsDiskImage(string storedName)
    {
        var dot = storedName.IndexOf('.', StringComparison.Ordinal);
        var rest = dot < 0 ? string.Empty : storedName[(dot + 1)..];

        return rest is "img" or "iso" or "raw";
    }
}
