using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IncusOs.Actors.Network;

/// <summary>
/// Decodes a JSON value on top of an existing one the way Go's <c>encoding/json</c> decodes into a
/// non-empty struct (network.md §3): objects merge field by field, arrays merge element by element
/// by index (extra elements start from zero, missing ones are dropped), <c>null</c> clears pointers,
/// arrays and maps but leaves strings, numbers, booleans and array elements alone, a map keeps the
/// keys the request does not mention and gets a fresh value for each key it does. Keys match
/// case-insensitively when no exact match exists; unknown keys are ignored. The shape of the target
/// comes from the wire records' <c>[JsonProperty]</c> names and their nullability.
/// </summary>
internal sealed class GoJsonMerge
{
    private readonly NullabilityInfoContext _nullability = new();

    /// <summary>The first type mismatch, in Go's words; decoding goes on past it, as Go does.</summary>
    public string? Error { get; private set; }

    public JToken Decode(JToken? current, JToken body, Type type, string goName)
    {
        if (body.Type != JTokenType.Object && body.Type != JTokenType.Null)
        {
            Error ??= $"json: cannot unmarshal {JsonKind(body)} into Go value of type api.{goName}";

            return current ?? Zero(type);
        }

        return Value(current, body, type, nullClears: true, goName, string.Empty, goName);
    }

    private JToken Value(JToken? current, JToken body, Type type, bool nullClears, string structName, string path,
        string goType)
    {
        current ??= Zero(type);
        if (body.Type == JTokenType.Null)
        {
            return nullClears && !IsScalar(type) ? ClearedValue(type) : current;
        }

        if (type == typeof(string))
        {
            return body.Type == JTokenType.String
                ? body.DeepClone()
                : Mismatch(current, body, structName, path, "string");
        }

        if (type == typeof(bool))
        {
            return body.Type == JTokenType.Boolean
                ? body.DeepClone()
                : Mismatch(current, body, structName, path, "bool");
        }

        if (type == typeof(int) || type == typeof(long))
        {
            var name = type == typeof(int) ? "int" : "int64";
            if (body.Type != JTokenType.Integer)
            {
                return Mismatch(current, body, structName, path, name);
            }

            var inRange = type == typeof(int)
                ? body.ToObject<decimal>() is >= int.MinValue and <= int.MaxValue
                : body.ToObject<decimal>() is >= long.MinValue and <= long.MaxValue;

            return inRange ? body.DeepClone() : Mismatch(current, body, structName, path, name);
        }

        if (ElementType(type, typeof(IReadOnlyDictionary<,>)) is { } valueType)
        {
            return body is JObject map
                ? Map(current as JObject, map, valueType, structName, path)
                : Mismatch(current, body, structName, path, "map[string]" + GoTypeName(valueType));
        }

        if (ElementType(type, typeof(IReadOnlyList<>)) is { } elementType)
        {
            return body is JArray array
                ? Array(current as JArray, array, elementType, structName, path)
                : Mismatch(current, body, structName, path, "[]" + GoTypeName(elementType));
        }

        return body is JObject obj
            ? Struct(current as JObject ?? new JObject(), obj, type, path)
            : Mismatch(current, body, structName, path, goType);
    }

    private JObject Struct(JObject current, JObject body, Type type, string path)
    {
        var result = (JObject)current.DeepClone();
        var properties = WireProperties(type);
        foreach (var member in body.Properties())
        {
            var exact = properties.FindIndex(p => p.Name == member.Name);
            var index = exact >= 0
                ? exact
                : properties.FindIndex(p => string.Equals(p.Name, member.Name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                continue;
            }

            var property = properties[index];

            var nullable = _nullability.Create(property.Info).WriteState == NullabilityState.Nullable;
            var clears = nullable || !IsScalar(property.Info.PropertyType);
            var childPath = path.Length == 0 ? property.Name : path + "." + property.Name;
            result[property.Name] = Value(
                result[property.Name], member.Value, property.Info.PropertyType, clears, GoStructName(type), childPath,
                GoTypeName(property.Info.PropertyType));
        }

        return result;
    }

    private JArray Array(JArray? current, JArray body, Type elementType, string structName, string path)
    {
        var result = new JArray();
        for (var i = 0; i < body.Count; i++)
        {
            var existing = current is not null && i < current.Count ? current[i] : null;
            var element = Value(
                existing, body[i], elementType, nullClears: false, structName, path, GoTypeName(elementType));
            result.Add(element);
        }

        return result;
    }

    private JObject Map(JObject? current, JObject body, Type valueType, string structName, string path)
    {
        var merged = new SortedDictionary<string, JToken>(StringComparer.Ordinal);
        foreach (var member in current?.Properties() ?? [])
        {
            merged[member.Name] = member.Value;
        }

        foreach (var member in body.Properties())
        {
            merged[member.Name] = Value(
                null, member.Value, valueType, nullClears: false, structName, path, GoTypeName(valueType));
        }

        return new JObject(merged.Select(pair => new JProperty(pair.Key, pair.Value)));
    }

    private JToken Mismatch(JToken current, JToken body, string structName, string path, string goType)
    {
        var kind = body.Type is JTokenType.Integer or JTokenType.Float
            ? "number " + body.ToString(Formatting.None)
            : JsonKind(body);
        Error ??= $"json: cannot unmarshal {kind} into Go struct field {structName}.{path} of type {goType}";

        return current;
    }

    private static string JsonKind(JToken token) => token.Type switch
    {
        JTokenType.Object => "object",
        JTokenType.Array => "array",
        JTokenType.String => "string",
        JTokenType.Boolean => "bool",
        JTokenType.Integer or JTokenType.Float => "number",
        _ => "value",
    };

    private static bool IsScalar(Type type) =>
        type == typeof(string) || type == typeof(bool) || type == typeof(int) || type == typeof(long);

    private static JToken ClearedValue(Type type) =>
        ElementType(type, typeof(IReadOnlyList<>)) is not null ? new JArray()
        : ElementType(type, typeof(IReadOnlyDictionary<,>)) is not null ? new JObject()
        : JValue.CreateNull();

    private static JToken Zero(Type type)
    {
        if (type == typeof(string))
        {
            return new JValue(string.Empty);
        }

        if (type == typeof(bool))
        {
            return new JValue(false);
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return new JValue(0);
        }

        return ElementType(type, typeof(IReadOnlyList<>)) is not null ? new JArray() : new JObject();
    }

    private static Type? ElementType(Type type, Type generic)
    {
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != generic)
        {
            return null;
        }

        var arguments = type.GetGenericArguments();

        return arguments[^1];
    }

    private static string GoStructName(Type type) => type.Name.Replace("Dns", "DNS").Replace("Ntp", "NTP")
        .Replace("Vlan", "VLAN");

    private static string GoTypeName(Type type)
    {
        if (type == typeof(string) || type == typeof(bool))
        {
            return type == typeof(string) ? "string" : "bool";
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return type == typeof(int) ? "int" : "int64";
        }

        if (ElementType(type, typeof(IReadOnlyList<>)) is { } element)
        {
            return "[]" + GoTypeName(element);
        }

        if (ElementType(type, typeof(IReadOnlyDictionary<,>)) is { } value)
        {
            return "map[string]" + GoTypeName(value);
        }

        return "api." + GoStructName(type);
    }

    private static List<(string Name, PropertyInfo Info)> WireProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName, Info: p))
            .Where(p => p.Name is not null)
            .Select(p => (p.Name!, p.Info))
            .ToList();
}
