using System.Text.Json;
using System.Text.Json.Nodes;

namespace CfSync.Translation.Models;

/// <summary>Reads Kubernetes JSON into our models: camelCase names, unknown fields ignored, lists without nulls.</summary>
public static class ModelJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new NonNullListConverter() } };

    /// <exception cref="JsonException">The object does not fit the model (a field of the wrong type).</exception>
    public static T Read<T>(JsonObject obj)
        where T : KubeObject =>
        obj.Deserialize<T>(Options) ?? throw new JsonException($"{typeof(T).Name}: the object is null.");
}
