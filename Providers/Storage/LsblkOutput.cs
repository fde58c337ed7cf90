using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Providers.Storage;

/// <summary>Reads <c>lsblk -J ... -o KNAME,SIZE,RM</c> output.</summary>
public static class LsblkOutput
{
    public static IReadOnlyList<BlockDevice> Parse(string json)
    {
        JObject document;
        try
        {
            document = JObject.Parse(json);
        }
        catch (JsonReaderException ex)
        {
            throw new ProviderException($"unable to parse lsblk output: {ex.Message}", ex);
        }

        if (document["blockdevices"] is not JArray devices)
        {
            return [];
        }

        return devices.OfType<JObject>()
            .Select(device => new BlockDevice(
                device.Value<string>("kname") ?? string.Empty,
                ReadSize(device["size"]),
                ReadFlag(device["rm"])))
            .Where(device => device.KernelName.Length > 0)
            .ToList();
    }

    private static long ReadSize(JToken? token) => token?.Type switch
    {
        JTokenType.Integer => token.Value<long>(),
        JTokenType.String when long.TryParse(token.Value<string>(), out var value) => value,
        _ => 0,
    };

    // lsblk before 2.33 printed flags as "0"/"1" strings; later versions print booleans.
    private static bool ReadFlag(JToken? token) => token?.Type switch
    {
        JTokenType.Boolean => token.Value<bool>(),
        JTokenType.String => token.Value<string>() is "1" or "true",
        JTokenType.Integer => token.Value<long>() != 0,
        _ => false,
    };
}
