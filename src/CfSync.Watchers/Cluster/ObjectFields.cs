using System.Text.Json.Nodes;

namespace CfSync.Watchers.Cluster;

/// <summary>The metadata fields the watchers read from an object the API returned.</summary>
public static class ObjectFields
{
    public static string Name(JsonObject obj) => (string?)Metadata(obj)["name"] ?? "";

    public static string? Namespace(JsonObject obj) => (string?)Metadata(obj)["namespace"];

    public static string? Uid(JsonObject obj) => (string?)Metadata(obj)["uid"];

    public static string ResourceVersion(JsonObject obj) => (string?)Metadata(obj)["resourceVersion"] ?? "";

    public static bool IsDeleting(JsonObject obj) => Metadata(obj)["deletionTimestamp"] is not null;

    /// <summary>When the deletion was asked for; an unreadable timestamp counts as long ago.</summary>
    public static DateTimeOffset? DeletionTimestamp(JsonObject obj) =>
        Metadata(obj)["deletionTimestamp"] is { } value
            ? DateTimeOffset.TryParse((string?)value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MinValue
            : null;

    public static IReadOnlyList<string> Finalizers(JsonObject obj) =>
        Metadata(obj)["finalizers"] is JsonArray finalizers ? [.. finalizers.Select(f => (string?)f).OfType<string>()] : [];

    private static JsonObject Metadata(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj["metadata"] as JsonObject ?? [];
    }
}
