namespace IncusOs.Providers.Update;

/// <summary>
/// One file of a release as its source publishes it. <see cref="Sha256"/> and <see cref="Size"/> describe
/// the bytes as published (the compressed ones for a <c>.gz</c> asset); null when the source does not say.
/// </summary>
/// <remarks>
/// <see cref="Compressed"/>: published gzip-compressed, decompressed on the fly and stored without <c>.gz</c>.
/// </remarks>
public sealed record UpdateAsset(string Name, string Location, string? Sha256, long? Size, bool Compressed)
{
    /// <summary>An asset of a network source: every <c>.gz</c> file is decompressed while it is stored.</summary>
    public static UpdateAsset Published(string name, string location, string? sha256, long? size) =>
        new(name, location, sha256, size, name.EndsWith(".gz", StringComparison.Ordinal));

    /// <summary>The file name once stored on disk.</summary>
    public string StoredName => Compressed ? Name[..^3] : Name;
}
