using System.Globalization;
using System.Text.Json.Nodes;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>Reads and writes metadata fields of a stored JSON object.</summary>
internal static class ObjectMeta
{
    public static JsonObject Of(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        metadata = [];
        obj["metadata"] = metadata;
        return metadata;
    }

    public static string Name(JsonObject obj) => (string?)Of(obj)["name"] ?? "";

    public static string Namespace(JsonObject obj) => (string?)Of(obj)["namespace"] ?? "";

    public static string ResourceVersion(JsonObject obj) => (string?)Of(obj)["resourceVersion"] ?? "";

    // Parsed from the JSON text: a JsonValue holding an int does not convert to long.
    public static long Generation(JsonObject obj) =>
        Of(obj)["generation"] is { } generation ? long.Parse(generation.ToJsonString(), CultureInfo.InvariantCulture) : 0;

    public static bool IsDeleting(JsonObject obj) => Of(obj)["deletionTimestamp"] is not null;

    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj) =>
        Of(obj)["labels"] is JsonObject labels
            ? labels.ToDictionary(p => p.Key, p => (string?)p.Value ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    public static IReadOnlyList<string> Finalizers(JsonObject obj) =>
        Of(obj)["finalizers"] is JsonArray finalizers ? [.. finalizers.Select(f => (string?)f ?? "")] : [];

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Storage key; ordinal order of keys is the list order.</summary>
    public static string Key(string @namespace, string name) => $"{@namespace}/{name}";

    /// <summary>Everything the generation tracks: the object without metadata and status.</summary>
    public static JsonObject Spec(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        foreach (var field in new[] { "metadata", "status", "apiVersion", "kind" })
        {
            copy.Remove(field);
        }

        return copy;
    }
}
