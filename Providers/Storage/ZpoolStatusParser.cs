using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Providers.Storage;

/// <summary>
/// Reads the <c>zpool status -j</c> document as OpenZFS 2.3+ prints it (pools and vdevs are objects
/// keyed by name, states are the kernel enum names). It also accepts the spellings of the man-page
/// example: <c>guid</c> for <c>pool_guid</c>, <c>HEALTHY</c> for <c>ONLINE</c>, a root vdev without
/// members. Numbers may be strings, nice strings or JSON numbers (<c>--json-int</c>); none is used.
/// </summary>
public static class ZpoolStatusParser
{
    public const string Online = "ONLINE";

    public static IReadOnlyList<ZpoolInfo> Parse(string json)
    {
        JObject document;
        try
        {
            using var reader = new JsonTextReader(new StringReader(json))
            {
                DateParseHandling = DateParseHandling.None,
            };
            document = JObject.Load(reader);
        }
        catch (JsonReaderException ex)
        {
            throw new ProviderException($"unable to parse zpool status output: {ex.Message}", ex);
        }

        if (document["pools"] is not JObject pools)
        {
            return [];
        }

        return pools.Properties()
            .Where(property => property.Value is JObject)
            .Select(property => ParsePool(property.Name, (JObject)property.Value))
            .ToList();
    }

    private static ZpoolInfo ParsePool(string key, JObject pool)
    {
        // With --json-pool-key-guid the key is the GUID; the name member is always the name.
        var name = pool.Value<string>("name") is { Length: > 0 } named ? named : key;
        var root = Root(pool["vdevs"] as JObject, name, key);

        return new ZpoolInfo(
            name,
            State(pool["state"]),
            root is null ? [] : Children(root),
            Section(pool["logs"] as JObject),
            Section(pool["l2cache"] as JObject));
    }

    private static JObject? Root(JObject? vdevs, string name, string key)
    {
        if (vdevs is null)
        {
            return null;
        }

        if (vdevs[name] is JObject byName)
        {
            return byName;
        }

        if (vdevs[key] is JObject byKey)
        {
            return byKey;
        }

        var only = vdevs.Properties().Select(property => property.Value).OfType<JObject>().ToList();

        return only.Count == 1 ? only[0] : null;
    }

    private static IReadOnlyList<ZpoolVdev> Section(JObject? section) =>
        section is null
            ? []
            : section.Properties()
                .Where(property => property.Value is JObject)
                .Select(property => Vdev(property.Name, (JObject)property.Value))
                .ToList();

    private static IReadOnlyList<ZpoolVdev> Children(JObject vdev) => Section(vdev["vdevs"] as JObject);

    private static ZpoolVdev Vdev(string key, JObject vdev) =>
        new(
            key,
            vdev["vdev_type"]?.Type == JTokenType.String ? vdev.Value<string>("vdev_type")! : string.Empty,
            State(vdev["state"]),
            Children(vdev));

    // The man page shows HEALTHY; the code prints the enum name of VDEV_STATE_HEALTHY, ONLINE.
    private static string State(JToken? token)
    {
        var state = token?.Type == JTokenType.String ? token.Value<string>()! : string.Empty;

        return state == "HEALTHY" ? Online : state;
    }
}
