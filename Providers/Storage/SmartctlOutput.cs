using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Providers.Storage;

/// <summary>Reads <c>smartctl -aj</c> output into a <see cref="SmartReport"/>.</summary>
public static class SmartctlOutput
{
    public static SmartReport Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new ProviderException("unexpected end of JSON input");
        }

        JObject document;
        try
        {
            document = JObject.Parse(json);
        }
        catch (JsonReaderException ex)
        {
            throw new ProviderException(ex.Message, ex);
        }

        var family = Text(document, "model_family");
        var model = Text(document, "model_name");
        SmartHealth? health = null;
        if (document["smart_support"] is JObject support && Flag(support["available"]))
        {
            var passed = document["smart_status"] is JObject status && Flag(status["passed"]);
            health = new SmartHealth(Flag(support["enabled"]), passed);
        }

        return new SmartReport(
            family.Length > 0 ? family : Text(document, "scsi_vendor"),
            model.Length > 0 ? model : Text(document, "scsi_product"),
            Text(document, "serial_number"),
            document["device"] is JObject device ? Text(device, "type") : string.Empty,
            Wwn(document["wwn"] as JObject),
            health);
    }

    private static string? Wwn(JObject? wwn)
    {
        if (wwn is null)
        {
            return null;
        }

        var naa = Number(wwn["naa"]);
        var oui = Number(wwn["oui"]);
        var id = Number(wwn["id"]);
        if (naa == 0 || oui == 0 || id == 0)
        {
            return null;
        }

        return "0x" + unchecked((naa << 60) + (oui << 36) + id).ToString("x", CultureInfo.InvariantCulture);
    }

    private static string Text(JObject node, string name) =>
        node[name]?.Type == JTokenType.String ? node.Value<string>(name) ?? string.Empty : string.Empty;

    private static bool Flag(JToken? token) => token?.Type == JTokenType.Boolean && token.Value<bool>();

    private static ulong Number(JToken? token) =>
        token?.Type == JTokenType.Integer && ulong.TryParse(
            token.ToString(Formatting.None), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : 0;
}
