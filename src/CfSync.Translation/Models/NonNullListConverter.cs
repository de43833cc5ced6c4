using System.Text.Json;
using System.Text.Json.Serialization;

namespace CfSync.Translation.Models;

/// <summary>
/// Lists in our models never hold null: an empty entry (<c>ports: [null]</c>, a bare <c>-</c> in YAML) is a field of
/// the wrong type, reported as such, instead of a null that a translator would trip over.
/// </summary>
internal sealed class NonNullListConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(IReadOnlyList<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ListOf<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class ListOf<T> : JsonConverter<IReadOnlyList<T>>
    {
        public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException();
            }

            var items = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                items.Add(JsonSerializer.Deserialize<T>(ref reader, options) ?? throw new JsonException());
            }

            return items;
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize<IEnumerable<T>>(writer, value, options);
    }
}
