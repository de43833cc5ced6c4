using System.Text.Json.Nodes;

namespace CfSync.Crds.Tests;

/// <summary>
/// Turns a CRD's openAPIV3Schema (a structural schema) into a JSON Schema 2020-12 document that judges an object
/// the way the API server would, and a little stricter:
/// <list type="bullet">
/// <item>An object with declared properties and no <c>x-kubernetes-preserve-unknown-fields</c> gets
/// <c>additionalProperties: false</c>. The API server would silently prune such fields; a test that rejects them
/// proves every field of an example is really stored.</item>
/// <item><c>x-kubernetes-int-or-string</c> becomes "integer or string"; <c>nullable</c> admits null.</item>
/// <item><c>format: date-time</c> is kept (RFC 3339, as Kubernetes checks it); int32/int64 and other
/// OpenAPI-only formats are dropped, they are not JSON Schema formats.</item>
/// <item>Annotations (description, default, example) and list-type markers are dropped; any other keyword is an
/// error so that a schema feature the converter does not understand cannot pass unnoticed.</item>
/// </list>
/// </summary>
internal static class CrdSchemaConverter
{
    private static readonly HashSet<string> Copied =
    [
        "type", "required", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "multipleOf",
    ];

    private static readonly HashSet<string> Ignored =
    [
        "description", "default", "example", "title", "x-kubernetes-list-type", "x-kubernetes-list-map-keys",
        "x-kubernetes-map-type", "x-kubernetes-embedded-resource", "x-kubernetes-validations",
    ];

    public static JsonObject ToJsonSchema(JsonObject openApiV3Schema)
    {
        var converted = Convert(openApiV3Schema, "#");
        converted["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        return converted;
    }

    private static JsonObject Convert(JsonObject schema, string path)
    {
        var result = new JsonObject();
        var preserveUnknown = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
        foreach (var (key, value) in schema)
        {
            switch (key)
            {
                case var copied when Copied.Contains(copied):
                    result[key] = value?.DeepClone();
                    break;
                case "format":
                    if (value?.GetValue<string>() is "date-time" or "date" or "uri" or "email" or "ipv4" or "ipv6" or "uuid")
                    {
                        result[key] = value.DeepClone();
                    }

                    break;
                case "properties":
                    var properties = new JsonObject();
                    foreach (var (name, property) in value!.AsObject())
                    {
                        properties[name] = Convert(property!.AsObject(), $"{path}/properties/{name}");
                    }

                    result[key] = properties;
                    break;
                case "items":
                    result[key] = Convert(value!.AsObject(), $"{path}/items");
                    break;
                case "additionalProperties":
                    result[key] = value is JsonObject additional ? Convert(additional, $"{path}/additionalProperties") : value?.DeepClone();
                    break;
                case "anyOf" or "oneOf" or "allOf":
                    result[key] = new JsonArray([.. value!.AsArray().Select((s, i) => (JsonNode)Convert(s!.AsObject(), $"{path}/{key}/{i}"))]);
                    break;
                case "not":
                    result[key] = Convert(value!.AsObject(), $"{path}/not");
                    break;
                case "x-kubernetes-preserve-unknown-fields":
                    break;
                case "x-kubernetes-int-or-string":
                    result["type"] = new JsonArray("integer", "string");
                    break;
                case "nullable":
                    break;
                case var ignored when Ignored.Contains(ignored):
                    break;
                default:
                    throw new NotSupportedException($"{path}: the converter does not understand '{key}'.");
            }
        }

        if (schema["nullable"]?.GetValue<bool>() == true && result["type"] is JsonValue type)
        {
            result["type"] = new JsonArray(type.GetValue<string>(), "null");
        }

        if (!preserveUnknown && schema["properties"] is not null && schema["additionalProperties"] is null)
        {
            result["additionalProperties"] = false;
        }

        return result;
    }
}
