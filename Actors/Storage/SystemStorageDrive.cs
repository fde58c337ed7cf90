using Newtonsoft.Json;

namespace IncusOs.Actors.Storage;

/// <summary>A whole disk as <c>GET /1.0/system/storage</c> shows it (read-only).</summary>
public sealed record SystemStorageDrive
{
    [JsonProperty("id")]
    public string Id { get; init; } = string.Empty;

    [JsonProperty("model_family")]
    public string ModelFamily { get; init; } = string.Empty;

    [JsonProperty("model_name")]
    public string ModelName { get; init; } = string.Empty;

    [JsonProperty("serial_number")]
    public string SerialNumber { get; init; } = string.Empty;

    [JsonProperty("bus")]
    public string Bus { get; init; } = string.Empty;

    [JsonProperty("capacity_in_bytes")]
    public long CapacityInBytes { get; init; }

    [JsonProperty("boot")]
    public bool Boot { get; init; }

    [JsonProperty("removable")]
    public bool Removable { get; init; }

    [JsonProperty("remote")]
    public bool Remote { get; init; }

    [JsonProperty("wwn")]
    public string? Wwn { get; init; }

    [JsonProperty("smart")]
    public SystemStorageDriveSmart? Smart { get; init; }

    [JsonProperty("member_pool")]
    public string? MemberPool { get; init; }

    public bool ShouldSerializeWwn() => !string.IsNullOrEmpty(Wwn);

    public bool ShouldSerializeSmart() => Smart is not null;

    public bool ShouldSerializeMemberPool() => !string.IsNullOrEmpty(MemberPool);
}
