using System.Text.Json;
using System.Text.Json.Nodes;

namespace CfSync.Cli.Rendering;

/// <summary>
/// <c>render --diff</c>: what would change in each Cloudflare body between an earlier render (its JSON output) and
/// this one, resources by type then id; unchanged resources are left out.
/// </summary>
internal static class RenderDiff
{
    /// <exception cref="FormatException"><paramref name="before"/> is not the JSON output of a render.</exception>
    public static IReadOnlyList<BodyDiff> Between(JsonNode before, JsonNode after)
    {
        var old = Bodies(before);
        var now = Bodies(after);
        return old.Keys.Union(now.Keys)
            .OrderBy(k => k.Type, StringComparer.Ordinal)
            .ThenBy(k => k.Id, StringComparer.Ordinal)
            .Select(k => BodyDiff.Of(k.Type, k.Id, old.GetValueOrDefault(k), now.GetValueOrDefault(k)))
            .Where(d => !d.IsEmpty)
            .ToList();
    }

    public static JsonObject ToJson(IReadOnlyList<BodyDiff> diffs) => new()
    {
        ["changes"] = new JsonArray(diffs.Select(d => (JsonNode?)new JsonObject
        {
            ["resourceType"] = d.ResourceType,
            ["cloudflareId"] = d.CloudflareId,
            ["change"] = d.Change.ToString().ToLowerInvariant(),
            ["ingress"] = new JsonObject
            {
                ["added"] = Array(d.AddedRules.Select(r => r.DeepClone())),
                ["removed"] = Array(d.RemovedRules.Select(r => r.DeepClone())),
                ["changed"] = Array(d.ChangedRules.Select(c => Change("match", c))),
                ["moved"] = Array(d.MovedRules.Select(m => new JsonObject { ["rule"] = m.Rule.DeepClone(), ["from"] = m.From, ["to"] = m.To })),
            },
            ["fields"] = Array(d.Fields.Select(c => Change("field", c))),
        }).ToArray()),
    };

    public static void WriteTable(IReadOnlyList<BodyDiff> diffs, TextWriter output)
    {
        if (diffs.Count == 0)
        {
            output.WriteLine("no change to any Cloudflare body");
        }

        foreach (var diff in diffs)
        {
            output.WriteLine($"{diff.Change.ToString().ToLowerInvariant()} {diff.ResourceType} {diff.CloudflareId}");
            foreach (var rule in diff.AddedRules)
            {
                output.WriteLine($"  + rule {Compact(rule)}");
            }

            foreach (var rule in diff.RemovedRules)
            {
                output.WriteLine($"  - rule {Compact(rule)}");
            }

            foreach (var change in diff.ChangedRules)
            {
                output.WriteLine($"  ~ rule {change.Field}: {Compact(change.Before)} -> {Compact(change.After)}");
            }

            foreach (var moved in diff.MovedRules)
            {
                output.WriteLine($"  > rule {Compact(moved.Rule)}: position {moved.From} -> {moved.To}");
            }

            foreach (var change in diff.Fields)
            {
                output.WriteLine($"  ~ {change.Field}: {Compact(change.Before)} -> {Compact(change.After)}");
            }
        }
    }

    private static Dictionary<(string Type, string Id), JsonObject?> Bodies(JsonNode render)
    {
        if ((render as JsonObject)?["resources"] is not JsonArray resources)
        {
            throw new FormatException("it has no 'resources' list");
        }

        var bodies = new Dictionary<(string Type, string Id), JsonObject?>();
        for (var index = 0; index < resources.Count; index++)
        {
            var resource = resources[index] as JsonObject;
            if (Text(resource?["resourceType"]) is not { } type || Text(resource?["cloudflareId"]) is not { } id
                || resource!["desired"] is not (null or JsonObject))
            {
                throw new FormatException($"resources[{index}] is not a rendered resource (resourceType, cloudflareId, desired)");
            }

            bodies[(type, id)] = (JsonObject?)resource["desired"];
        }

        return bodies;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? (string?)value : null;

    private static JsonArray Array(IEnumerable<JsonNode> nodes) => new(nodes.ToArray<JsonNode?>());

    private static JsonObject Change(string name, FieldChange change) => new()
    {
        [name] = change.Field,
        ["before"] = change.Before?.DeepClone(),
        ["after"] = change.After?.DeepClone(),
    };

    private static string Compact(JsonNode? node) => node?.ToJsonString() ?? "(absent)";
}
