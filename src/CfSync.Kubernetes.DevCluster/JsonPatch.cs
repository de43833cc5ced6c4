using System.Globalization;
using System.Text.Json.Nodes;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>JSON patch (RFC 6902): add, remove, replace, move, copy and test on JSON pointers.</summary>
internal static class JsonPatch
{
    /// <exception cref="ApiStatusException">422 when an operation cannot be applied (missing path, failed test).</exception>
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(operations);
        var root = new JsonObject { ["doc"] = document.DeepClone() };
        foreach (var node in operations)
        {
            var operation = node as JsonObject ?? throw ApiStatusException.BadRequest("json patch operation must be an object");
            var op = (string?)operation["op"];
            var path = Pointer((string?)operation["path"]);
            switch (op)
            {
                case "add":
                    Add(root, path, Value(operation));
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    Add(root, path, Value(operation));
                    break;
                case "move":
                    var moved = Remove(root, Pointer((string?)operation["from"]));
                    Add(root, path, moved);
                    break;
                case "copy":
                    Add(root, path, Get(root, Pointer((string?)operation["from"]))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path), operation["value"]))
                    {
                        throw ApiStatusException.Invalid($"json patch test operation failed at {operation["path"]}");
                    }

                    break;
                default:
                    throw ApiStatusException.BadRequest($"unknown json patch operation \"{op}\"");
            }
        }

        return root["doc"] ?? throw ApiStatusException.Invalid("json patch removed the whole object");
    }

    private static JsonNode? Value(JsonObject operation) =>
        operation.TryGetPropertyValue("value", out var value)
            ? value?.DeepClone()
            : throw ApiStatusException.BadRequest("json patch operation needs a value");

    // The document sits under "doc" so that "" (the whole document) is an ordinary member.
    private static string[] Pointer(string? pointer)
    {
        if (pointer is null || (pointer.Length > 0 && pointer[0] != '/'))
        {
            throw ApiStatusException.BadRequest($"invalid json pointer \"{pointer}\"");
        }

        var tokens = pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        return ["doc", .. tokens];
    }

    private static JsonNode? Get(JsonNode root, string[] path)
    {
        JsonNode? current = root;
        foreach (var token in path)
        {
            current = current switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var child) => child,
                JsonArray a when Index(token, a.Count - 1) is var i => a[i],
                _ => throw Missing(path),
            };
        }

        return current;
    }

    private static void Add(JsonNode root, string[] path, JsonNode? value)
    {
        var parent = Get(root, path[..^1]);
        var last = path[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a:
                a.Insert(Index(last, a.Count), value);
                break;
            default:
                throw Missing(path);
        }
    }

    private static JsonNode? Remove(JsonNode root, string[] path)
    {
        var parent = Get(root, path[..^1]);
        var last = path[^1];
        switch (parent)
        {
            case JsonObject o when o.TryGetPropertyValue(last, out var value):
                o.Remove(last);
                return value;
            case JsonArray a:
                var index = Index(last, a.Count - 1);
                var item = a[index];
                a.RemoveAt(index);
                return item;
            default:
                throw Missing(path);
        }
    }

    private static int Index(string token, int max) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index <= max
            ? index
            : throw ApiStatusException.Invalid($"json patch array index \"{token}\" is out of range");

    private static ApiStatusException Missing(string[] path) =>
        ApiStatusException.Invalid($"json patch path \"/{string.Join('/', path[1..])}\" does not exist");
}
