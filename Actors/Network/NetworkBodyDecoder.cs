using IncusOs.Actors.Common;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Actors.Network;

/// <summary>
/// Turns a PUT or PATCH body into the new <see cref="SystemNetwork"/> (network.md §3): PUT decodes onto
/// an empty document, PATCH onto the current one, with Go's decode-over-copy rules
/// (<see cref="GoJsonMerge"/>). An empty body is <c>EOF</c>; malformed JSON and bytes after the
/// value are refused (DECISIONS.md: trailing bytes are rejected everywhere).
/// </summary>
public static class NetworkBodyDecoder
{
    private static readonly JsonLoadSettings LoadSettings = new()
    {
        CommentHandling = CommentHandling.Ignore,
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Replace,
        LineInfoHandling = LineInfoHandling.Ignore,
    };

    /// <summary>Decodes <paramref name="body"/> onto <paramref name="current"/> (null for PUT).</summary>
    public static DecodedNetwork Decode(string body, SystemNetwork? current)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return DecodedNetwork.Failed("EOF");
        }

        JToken parsed;
        try
        {
            using var reader = new JsonTextReader(new StringReader(body))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
                MaxDepth = 64,
            };
            parsed = JToken.ReadFrom(reader, LoadSettings);
            if (TrailingCharacter(body, reader.LineNumber, reader.LinePosition) is { } trailing)
            {
                return DecodedNetwork.Failed($"invalid character '{trailing}' after top-level value");
            }
        }
        catch (JsonReaderException ex)
        {
            return DecodedNetwork.Failed(IsTruncated(ex) ? "unexpected EOF" : ex.Message);
        }

        return Decode(parsed, current);
    }

    /// <summary>Decodes an already parsed body onto <paramref name="current"/> (null for PUT).</summary>
    public static DecodedNetwork Decode(JToken parsed, SystemNetwork? current)
    {
        var start = JObject.FromObject(current ?? new SystemNetwork(), WireJson.Serializer);
        var merge = new GoJsonMerge();
        var merged = merge.Decode(start, parsed, typeof(SystemNetwork), nameof(SystemNetwork));
        if (merge.Error is { } error)
        {
            return DecodedNetwork.Failed(error);
        }

        return new DecodedNetwork(merged.ToObject<SystemNetwork>(WireJson.Serializer), null);
    }

    private static char? TrailingCharacter(string body, int lineNumber, int linePosition)
    {
        var offset = 0;
        for (var line = 1; line < lineNumber; line++)
        {
            offset = body.IndexOf('\n', offset) + 1;
        }

        for (offset += linePosition; offset < body.Length; offset++)
        {
            if (!char.IsWhiteSpace(body[offset]))
            {
                return body[offset];
            }
        }

        return null;
    }

    private static bool IsTruncated(JsonReaderException ex) =>
        ex.Message.Contains("end of", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("Unterminated", StringComparison.OrdinalIgnoreCase);
}
