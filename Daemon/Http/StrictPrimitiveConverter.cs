using System.Globalization;
using Newtonsoft.Json;

namespace IncusOs.Daemon.Http;

/// <summary>
/// Decodes strings, booleans and numbers as Go's <c>encoding/json</c> does: no coercion between
/// kinds, no fractions or exponents for integers, <c>null</c> leaves a non-nullable value unchanged.
/// The error names the field by its JSON path.
/// </summary>
internal sealed class StrictPrimitiveConverter : JsonConverter
{
    public static readonly StrictPrimitiveConverter Instance = new();

    private static readonly Dictionary<Type, string> GoNames = new()
    {
        [typeof(string)] = "string",
        [typeof(bool)] = "bool",
        [typeof(int)] = "int",
        [typeof(long)] = "int64",
        [typeof(uint)] = "uint",
        [typeof(ulong)] = "uint64",
        [typeof(short)] = "int16",
        [typeof(ushort)] = "uint16",
        [typeof(byte)] = "uint8",
        [typeof(double)] = "float64",
        [typeof(float)] = "float32",
        [typeof(decimal)] = "float64",
    };

    public override bool CanWrite => false;

    public static bool Handles(Type type) => GoNames.ContainsKey(Nullable.GetUnderlyingType(type) ?? type);

    public override bool CanConvert(Type objectType) => Handles(objectType);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        var nullable = Nullable.GetUnderlyingType(objectType);
        var type = nullable ?? objectType;
        if (reader.TokenType == JsonToken.Null)
        {
            if (nullable is not null)
            {
                return null;
            }

            // Go leaves a non-pointer value as it was when the JSON says null.
            return type == typeof(string) ? existingValue : existingValue ?? Activator.CreateInstance(type);
        }

        switch (reader.TokenType)
        {
            case JsonToken.String when type == typeof(string):
                return reader.Value is string s ? s : Convert.ToString(reader.Value, CultureInfo.InvariantCulture);
            case JsonToken.Boolean when type == typeof(bool):
                return reader.Value;
            case JsonToken.Integer when IsNumber(type):
                return ConvertNumber(reader, type, reader.Value!);
            case JsonToken.Float when IsFloat(type):
                return ConvertNumber(reader, type, reader.Value!);
            default:
                throw Mismatch(reader, type);
        }
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) =>
        throw new NotSupportedException();

    private static bool IsFloat(Type type) => type == typeof(double) || type == typeof(float) || type == typeof(decimal);

    private static bool IsNumber(Type type) => type != typeof(string) && type != typeof(bool);

    private static object ConvertNumber(JsonReader reader, Type type, object value)
    {
        try
        {
            return Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            throw new JsonSerializationException(
                $"json: cannot unmarshal number {Convert.ToString(value, CultureInfo.InvariantCulture)} " +
                $"into field {FieldName(reader)} of type {GoNames[type]}");
        }
    }

    private static JsonSerializationException Mismatch(JsonReader reader, Type type)
    {
        var kind = reader.TokenType switch
        {
            JsonToken.String => "string",
            JsonToken.Boolean => "bool",
            JsonToken.Integer => "number",
            JsonToken.Float => "number " + Convert.ToString(reader.Value, CultureInfo.InvariantCulture),
            JsonToken.StartArray => "array",
            JsonToken.StartObject => "object",
            _ => reader.TokenType.ToString().ToLowerInvariant(),
        };

        return new JsonSerializationException(
            $"json: cannot unmarshal {kind} into field {FieldName(reader)} of type {GoNames[type]}");
    }

    private static string FieldName(JsonReader reader) =>
        string.IsNullOrEmpty(reader.Path) ? "(body)" : $"\"{reader.Path}\"";
}
