using System.Text.Json;
using System.Text.Json.Nodes;

namespace CfSync.Translation.Translators;

/// <summary>
/// The CRDs spell Cloudflare's fields in camelCase; the API takes snake_case. This is the one place that renames.
/// </summary>
internal static class JsonNaming
{
    public static string SnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    /// <summary>
    /// A deep copy with every object key in snake_case, except the keys directly under the (snake_case)
    /// properties named in <paramref name="verbatimMaps"/>: those are user data such as header names.
    /// </summary>
    public static JsonNode? SnakeCaseKeys(JsonNode? node, params string[] verbatimMaps) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p =>
        {
            var name = SnakeCase(p.Key);
            var value = verbatimMaps.Contains(name) ? p.Value?.DeepClone() : SnakeCaseKeys(p.Value, verbatimMaps);
            return KeyValuePair.Create(name, value);
        })),
        JsonArray array => new JsonArray(array.Select(item => SnakeCaseKeys(item, verbatimMaps)).ToArray()),
        _ => node?.DeepClone(),
    };
}
