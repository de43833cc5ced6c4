using System.Collections;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CfSync.Core.Sources;

namespace CfSync.Sync.Entities;

/// <summary>
/// Writes <see cref="ResourceSyncState.Sources"/> without the values every entry starts with (a priority of 100, no
/// scope, Accepted, empty lists...): the state is written after every batch and most of it is sources, so defaults
/// were most of its bytes. Nor is an entry's <see cref="SourceEntry.Source"/> written: its key says it. Reading restores
/// them (the defaults from <see cref="SourceEntry"/>'s initializers, the source by <see cref="Source.Parse"/>), so the old
/// form with everything written still reads, and a write then a read gives back the same entries. Keys keep ordinal order.
/// </summary>
public sealed class SourceMapConverter : JsonConverter<SortedDictionary<string, SourceEntry>>
{
    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> Compact = [];

    public override SortedDictionary<string, SourceEntry> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected the sources as an object, found {reader.TokenType}.");
        }

        var compact = Compact.GetValue(options, WithoutDefaults);
        var sources = new SortedDictionary<string, SourceEntry>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            var entry = JsonSerializer.Deserialize<SourceEntry>(ref reader, compact) ?? throw new JsonException($"Source {key} is null.");
            entry.Source ??= Source.Parse(key);
            sources[key] = entry;
        }

        return sources;
    }

    public override void Write(Utf8JsonWriter writer, SortedDictionary<string, SourceEntry> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var compact = Compact.GetValue(options, WithoutDefaults);
        writer.WriteStartObject();
        foreach (var (key, entry) in value)
        {
            if (entry.Source.Key != key)
            {
                throw new JsonException($"The entry of {entry.Source} is filed under {key}: its source would read back wrong.");
            }

            writer.WritePropertyName(key);
            JsonSerializer.Serialize(writer, entry, compact);
        }

        writer.WriteEndObject();
    }

    // The caller's options (its naming and converters), with SourceEntry's source left to the key and every other
    // property skipped when it holds its initial value.
    private static JsonSerializerOptions WithoutDefaults(JsonSerializerOptions options) =>
        new(options) { TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(OmitDefaults) };

    private static void OmitDefaults(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(SourceEntry))
        {
            return;
        }

        var initial = typeInfo.CreateObject!();
        foreach (var property in typeInfo.Properties.Where(p => p.Get is not null))
        {
            if (property.Name == nameof(SourceEntry.Source))
            {
                property.IsRequired = false;
                property.ShouldSerialize = (_, _) => false;
                continue;
            }

            var start = property.Get!(initial);
            property.ShouldSerialize = (_, current) => !IsInitial(current, start);
        }
    }

    private static bool IsInitial(object? current, object? start) =>
        Equals(current, start) || (current is ICollection { Count: 0 } && start is ICollection { Count: 0 });
}
