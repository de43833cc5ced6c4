using System.Text.Json.Nodes;

namespace CfSync.Cloudflare.Emulator.Contract;

/// <summary>
/// Turns OpenAPI 3.0 schema objects into JSON Schema 2020-12: `nullable` becomes a null type,
/// and component refs point at the shared components document.
/// </summary>
internal static class OpenApiSchemaConverter
{
    private const string ComponentPrefix = "#/components/schemas/";

    public static JsonNode? Convert(JsonNode? node, Uri componentsDocument) => node switch
    {
        JsonObject obj => ConvertObject(obj, componentsDocument),
        JsonArray array => new JsonArray([.. array.Select(item => Convert(item, componentsDocument))]),
        _ => node?.DeepClone(),
    };

    private static JsonObject ConvertObject(JsonObject source, Uri componentsDocument)
    {
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (key is "nullable" or "example" or "examples")
            {
                continue;
            }

            if (key == "$ref" && value?.GetValue<string>() is { } reference && reference.StartsWith(ComponentPrefix, StringComparison.Ordinal))
            {
                result[key] = $"{componentsDocument}#/$defs/{reference[ComponentPrefix.Length..]}";
                continue;
            }

            // Property maps hold names, not schema keywords: convert their values only.
            result[key] = key == "properties" && value is JsonObject properties
                ? new JsonObject(properties.Select(p => KeyValuePair.Create(p.Key, Convert(p.Value, componentsDocument))))
                : Convert(value, componentsDocument);
        }

        if (source["nullable"]?.GetValue<bool>() == true)
        {
            AllowNull(result);
        }

        return result;
    }

    private static void AllowNull(JsonObject schema)
    {
        switch (schema["type"])
        {
            case JsonValue type:
                schema["type"] = new JsonArray(type.GetValue<string>(), "null");
                break;
            case null:
                var inner = schema.DeepClone();
                schema.Clear();
                schema["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, inner);
                return;
        }

        if (schema["enum"] is JsonArray values && !values.Any(v => v is null))
        {
            values.Add(null);
        }
    }
}
