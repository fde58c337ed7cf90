using Newtonsoft.Json;

namespace IncusOs.Actors.Common;

/// <summary>
/// The one Newtonsoft settings object for wire documents and state files: property names come from
/// <c>[JsonProperty]</c> on each record (snake_case exactly as the spec), nulls are written, dates in
/// RFC 3339 as Go writes them.
/// </summary>
public static class WireJson
{
    public static readonly JsonSerializerSettings Settings = Create(Formatting.None);

    public static readonly JsonSerializerSettings Indented = Create(Formatting.Indented);

    public static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);

    private static JsonSerializerSettings Create(Formatting formatting) => new()
    {
        Formatting = formatting,
        NullValueHandling = NullValueHandling.Include,
        DateParseHandling = DateParseHandling.None,
        DateFormatHandling = DateFormatHandling.IsoDateFormat,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        FloatParseHandling = FloatParseHandling.Double,
        MissingMemberHandling = MissingMemberHandling.Ignore,
        StringEscapeHandling = StringEscapeHandling.Default,
        MaxDepth = 64,
    };
}
