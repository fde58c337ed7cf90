using Newtonsoft.Json;

namespace IncusOs.Providers.Update;

/// <summary>One file of a release (<c>UpdateFile</c>); the enums are checked by <see cref="Validate"/>.</summary>
public sealed record UpdateIndexFile
{
    private static readonly string[] Architectures = ["", "x86_64", "aarch64"];
    private static readonly string[] Components = ["os", "incus", "debug"];
    private static readonly string[] Types =
    [
        "", "image-raw", "image-iso", "image-manifest", "update-efi", "update-usr", "update-usr-verity",
        "update-usr-verity-signature", "application",
    ];

    [JsonProperty("architecture")]
    public string Architecture { get; init; } = string.Empty;

    [JsonProperty("component")]
    public string Component { get; init; } = string.Empty;

    [JsonProperty("filename")]
    public string Filename { get; init; } = string.Empty;

    [JsonProperty("sha256")]
    public string? Sha256 { get; init; }

    [JsonProperty("size")]
    public long? Size { get; init; }

    [JsonProperty("type")]
    public string Type { get; init; } = string.Empty;

    /// <summary>Rejects unknown enum values with the reference's messages ("file type" for two of them).</summary>
    public void Validate()
    {
        if (!Architectures.Contains(Architecture))
        {
            throw new ProviderException($"\"{Architecture}\" is not a valid update file type");
        }

        if (!Components.Contains(Component))
        {
            throw new ProviderException($"\"{Component}\" is not a valid update file component");
        }

        if (!Types.Contains(Type))
        {
            throw new ProviderException($"\"{Type}\" is not a valid update file type");
        }
    }
}
