using Newtonsoft.Json;

namespace IncusOs.Providers.Resources.Wire;

/// <summary>Writes doubles as Go does (<see cref="GoFloat"/>), so <c>480</c> never becomes <c>480.0</c>.</summary>
public sealed class GoFloatConverter : JsonConverter<double>
{
    public override void WriteJson(JsonWriter writer, double value, JsonSerializer serializer) =>
        writer.WriteRawValue(GoFloat.Format(value));

    public override double ReadJson(
        JsonReader reader, Type objectType, double existingValue, bool hasExistingValue, JsonSerializer serializer) =>
        Convert.ToDouble(reader.Value, System.Globalization.CultureInfo.InvariantCulture);
}
