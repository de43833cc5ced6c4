using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CfSync.Kubernetes;

/// <summary>The two JSON conversions every writer here needs for the custom-objects API.</summary>
internal static class ApiJson
{
    /// <summary>The custom-objects API hands back untyped JSON; we edit it as a tree.</summary>
    public static JsonObject Object(object result) =>
        JsonSerializer.SerializeToNode(result) as JsonObject ?? throw new InvalidOperationException("The API server answered with something that is not an object.");

    /// <summary>RFC 3339 in UTC with whole seconds, as metav1.Time serializes.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
