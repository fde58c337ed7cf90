using System.Text;
using IncusOs.Actors.Common;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Daemon.Http;

/// <summary>
/// Reads and decodes request bodies by the rules of spec README §5 with the fixes of DECISIONS.md:
/// malformed JSON, trailing bytes and wrong types are a 400 naming the field; more than
/// <see cref="MaxBodyBytes"/> is a 413; chunked bodies are read like any other.
/// </summary>
public static class BodyReader
{
    /// <summary>The largest body any endpoint accepts.</summary>
    public const int MaxBodyBytes = 1 << 20;

    private static readonly JsonSerializer Strict = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = StrictContractResolver.Instance,
        MissingMemberHandling = MissingMemberHandling.Ignore,
        ObjectCreationHandling = ObjectCreationHandling.Replace,
        DateParseHandling = DateParseHandling.None,
        MaxDepth = 64,
    });

    private static readonly JsonLoadSettings LoadSettings = new()
    {
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Replace,
        CommentHandling = CommentHandling.Ignore,
        LineInfoHandling = LineInfoHandling.Ignore,
    };

    public static async Task<BodyResult<byte[]>> ReadRawAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return BodyResult<byte[]>.Ok(buffer.ToArray());
            }

            if (buffer.Length + read > MaxBodyBytes)
            {
                return BodyResult<byte[]>.Fail(ApiResult.Error(
                    StatusCodes.Status413PayloadTooLarge, $"request body is larger than {MaxBodyBytes} bytes"));
            }

            buffer.Write(chunk, 0, read);
        }
    }

    /// <summary>Decodes <paramref name="body"/> into a new <typeparamref name="T"/>.</summary>
    public static BodyResult<T> Decode<T>(byte[] body, string? emptyMessage)
        where T : class
    {
        var parsed = Parse(body, emptyMessage);
        if (parsed.Error is not null)
        {
            return BodyResult<T>.Fail(parsed.Error);
        }

        if (parsed.Value!.Type != JTokenType.Object && typeof(T) != typeof(JToken))
        {
            return BodyResult<T>.Fail(ApiResult.Error(
                StatusCodes.Status400BadRequest,
                $"json: cannot unmarshal {Kind(parsed.Value.Type)} into a request object"));
        }

        try
        {
            using var reader = parsed.Value.CreateReader();
            var value = Strict.Deserialize<T>(reader);

            return value is null
                ? BodyResult<T>.Fail(ApiResult.Error(StatusCodes.Status400BadRequest, "request body is null"))
                : BodyResult<T>.Ok(value);
        }
        catch (JsonException ex)
        {
            return BodyResult<T>.Fail(ApiResult.Error(StatusCodes.Status400BadRequest, Message(ex)));
        }
    }

    /// <summary>Decodes <paramref name="body"/> on top of a deep copy of <paramref name="current"/>.</summary>
    public static BodyResult<T> DecodeOnto<T>(byte[] body, T current)
        where T : class
    {
        var parsed = Parse(body, null);
        if (parsed.Error is not null)
        {
            return BodyResult<T>.Fail(parsed.Error);
        }

        var copy = JsonConvert.DeserializeObject<T>(JsonConvert.SerializeObject(current, WireJson.Settings), WireJson.Settings)!;
        try
        {
            using var reader = parsed.Value!.CreateReader();
            Strict.Populate(reader, copy);

            return BodyResult<T>.Ok(copy);
        }
        catch (JsonException ex)
        {
            return BodyResult<T>.Fail(ApiResult.Error(StatusCodes.Status400BadRequest, Message(ex)));
        }
    }

    /// <summary>Parses one JSON value and refuses anything but white space after it.</summary>
    public static BodyResult<JToken> Parse(byte[] body, string? emptyMessage)
    {
        // Invalid UTF-8 becomes U+FFFD, as Go does.
        var text = Encoding.UTF8.GetString(body);
        if (string.IsNullOrWhiteSpace(text))
        {
            return BodyResult<JToken>.Fail(ApiResult.Error(StatusCodes.Status400BadRequest, emptyMessage ?? "EOF"));
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(text))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Double,
                MaxDepth = 64,
            };
            var token = JToken.ReadFrom(reader, LoadSettings);
            if (reader.Read())
            {
                return BodyResult<JToken>.Fail(ApiResult.Error(
                    StatusCodes.Status400BadRequest,
                    $"invalid data after the JSON value at line {reader.LineNumber}, position {reader.LinePosition}"));
            }

            return BodyResult<JToken>.Ok(token);
        }
        catch (JsonException ex)
        {
            return BodyResult<JToken>.Fail(ApiResult.Error(StatusCodes.Status400BadRequest, Message(ex)));
        }
    }

    private static string Message(JsonException ex) =>
        ex.Message.StartsWith("json: ", StringComparison.Ordinal) ? ex.Message : "invalid JSON: " + ex.Message;

    private static string Kind(JTokenType type) => type switch
    {
        JTokenType.Array => "array",
        JTokenType.String => "string",
        JTokenType.Integer or JTokenType.Float => "number",
        JTokenType.Boolean => "bool",
        JTokenType.Null => "null",
        _ => type.ToString().ToLowerInvariant(),
    };
}
