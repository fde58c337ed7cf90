using System.Text;
using IncusOs.Actors.Common;
using Newtonsoft.Json;

namespace IncusOs.Daemon.Http;

/// <summary>
/// The Incus response envelope, byte for byte as spec README §3: all seven fields always present,
/// one JSON document and a newline. Error texts are escaped as Go's default encoder does
/// (<c>&lt; &gt; &amp;</c> as <c>\u003c \u003e \u0026</c>); success bodies are not.
/// </summary>
public static class Envelope
{
    public const string ContentType = "application/json";

    private const string SyncPrefix =
        "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"operation\":\"\",\"error_code\":0,\"error\":\"\",\"metadata\":";

    public static byte[] Sync(object? metadata)
    {
        var json = JsonConvert.SerializeObject(metadata, WireJson.Settings);

        return Encoding.UTF8.GetBytes(SyncPrefix + EscapeLineSeparators(json) + "}\n");
    }

    /// <summary>The envelope around metadata that is already JSON text (e.g. a streamed array).</summary>
    public static ReadOnlySpan<byte> SyncPrefixBytes => "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"operation\":\"\",\"error_code\":0,\"error\":\"\",\"metadata\":"u8;

    public static ReadOnlySpan<byte> SyncSuffixBytes => "}\n"u8;

    public static byte[] Error(int status, string message)
    {
        var quoted = EscapeHtml(EscapeLineSeparators(JsonConvert.ToString(message)));
        var json = "{\"type\":\"error\",\"status\":\"\",\"status_code\":0,\"operation\":\"\",\"error_code\":"
            + status.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ",\"error\":" + quoted + ",\"metadata\":null}\n";

        return Encoding.UTF8.GetBytes(json);
    }

    // Raw U+2028/U+2029 can only stand inside JSON strings, so replacing them anywhere is safe.
    private static string EscapeLineSeparators(string json) =>
        json.Contains('\u2028') || json.Contains('\u2029')
            ? json.Replace("\u2028", "\\u2028").Replace("\u2029", "\\u2029")
            : json;

    private static string EscapeHtml(string json) =>
        json.Replace("<", "\\u003c").Replace(">", "\\u003e").Replace("&", "\\u0026");
}
