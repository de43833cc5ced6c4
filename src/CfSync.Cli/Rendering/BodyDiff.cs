using System.Text.Json.Nodes;

namespace CfSync.Cli.Rendering;

/// <summary>Whether a Cloudflare body appears, disappears or changes.</summary>
internal enum BodyChange
{
    Added,
    Removed,
    Changed,
}

/// <summary>A field of a Cloudflare body that differs: its dotted path and both values (null: absent).</summary>
internal sealed record FieldChange(string Field, JsonNode? Before, JsonNode? After);

/// <summary>An ingress rule that stayed but changed place among the rules both states have.</summary>
internal sealed record MovedRule(JsonNode Rule, int From, int To);

/// <summary>
/// What changes in one Cloudflare body between two renders. For a tunnel configuration: ingress rules added,
/// removed, changed (same hostname and path, another service or origin settings) and moved, then its other settings;
/// for a tunnel's DNS records, the fields of each record by name; for any other resource, its changed fields. A body absent on one side counts as empty, and the resource as
/// <see cref="BodyChange.Added"/> or <see cref="BodyChange.Removed"/>.
/// </summary>
internal sealed record BodyDiff(
    string ResourceType,
    string CloudflareId,
    BodyChange Change,
    IReadOnlyList<JsonNode> AddedRules,
    IReadOnlyList<JsonNode> RemovedRules,
    IReadOnlyList<FieldChange> ChangedRules,
    IReadOnlyList<MovedRule> MovedRules,
    IReadOnlyList<FieldChange> Fields)
{
    public bool IsEmpty => AddedRules.Count + RemovedRules.Count + ChangedRules.Count + MovedRules.Count + Fields.Count == 0;

    public static BodyDiff Of(string resourceType, string cloudflareId, JsonObject? before, JsonObject? after)
    {
        var beforeRules = Rules(before);
        var afterRules = Rules(after);
        var beforeByMatch = beforeRules.ToDictionary(r => r.Match, StringComparer.Ordinal);
        var afterByMatch = afterRules.ToDictionary(r => r.Match, StringComparer.Ordinal);
        var kept = beforeRules.Where(r => afterByMatch.ContainsKey(r.Match)).Select(r => r.Match).ToList();
        var keptAfter = afterRules.Where(r => beforeByMatch.ContainsKey(r.Match)).Select(r => r.Match).ToList();
        var inPlace = LongestCommonOrder(kept, keptAfter);
        return new BodyDiff(
            resourceType,
            cloudflareId,
            before is null ? BodyChange.Added : after is null ? BodyChange.Removed : BodyChange.Changed,
            afterRules.Where(r => !beforeByMatch.ContainsKey(r.Match)).Select(r => r.Rule).ToList(),
            beforeRules.Where(r => !afterByMatch.ContainsKey(r.Match)).Select(r => r.Rule).ToList(),
            kept.Where(m => !JsonNode.DeepEquals(beforeByMatch[m].Rule, afterByMatch[m].Rule))
                .Select(m => new FieldChange(m, beforeByMatch[m].Rule, afterByMatch[m].Rule)).ToList(),
            kept.Where(m => !inPlace.Contains(m))
                .Select(m => new MovedRule(afterByMatch[m].Rule, beforeByMatch[m].Index, afterByMatch[m].Index)).ToList(),
            ChangedFields(Settings(before), Settings(after)));
    }

    private sealed record IndexedRule(string Match, JsonNode Rule, int Index);

    // A rule is known by what it matches; a repeated match (which the aggregator never emits) keeps its occurrence.
    private static List<IndexedRule> Rules(JsonObject? body)
    {
        var rules = body?["config"]?["ingress"] as JsonArray ?? [];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return rules.Select((rule, index) =>
        {
            var match = $"{(string?)rule?["hostname"] ?? "*"}{(string?)rule?["path"] ?? ""}";
            var occurrence = seen[match] = seen.GetValueOrDefault(match) + 1;
            return new IndexedRule(occurrence == 1 ? match : $"{match} #{occurrence}", rule!, index);
        }).ToList();
    }

    // Everything but the ingress rules, which are compared rule by rule. A tunnel's DNS records are known by name, so
    // a change names the record (records[shop.example.com].proxied) instead of showing the whole list twice.
    private static JsonObject Settings(JsonObject? body)
    {
        var settings = (JsonObject?)body?.DeepClone() ?? [];
        (settings["config"] as JsonObject)?.Remove("ingress");
        if (settings["records"] is JsonArray records && records.All(r => r?["name"] is JsonValue))
        {
            settings.Remove("records");
            foreach (var record in records.OfType<JsonObject>().ToList())
            {
                records.Remove(record);
                var name = (string?)record["name"];
                record.Remove("name");
                settings[$"records[{name}]"] = record;
            }
        }

        return settings;
    }

    private static List<FieldChange> ChangedFields(JsonObject before, JsonObject after)
    {
        var flatBefore = Flatten(before);
        var flatAfter = Flatten(after);
        return flatBefore.Keys.Union(flatAfter.Keys)
            .Order(StringComparer.Ordinal)
            .Select(f => new FieldChange(f, flatBefore.GetValueOrDefault(f), flatAfter.GetValueOrDefault(f)))
            .Where(c => !JsonNode.DeepEquals(c.Before, c.After))
            .ToList();
    }

    // Objects become dotted paths; arrays and scalars are compared whole.
    private static Dictionary<string, JsonNode?> Flatten(JsonObject body)
    {
        var flat = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        void Walk(JsonObject node, string prefix)
        {
            foreach (var (name, value) in node)
            {
                var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
                if (value is JsonObject child && child.Count > 0)
                {
                    Walk(child, path);
                }
                else
                {
                    flat[path] = value;
                }
            }
        }

        Walk(body, "");
        return flat;
    }

    // The rules that kept their relative order: both lists hold the same distinct matches, so this is the longest
    // increasing run of after-positions taken in before-order (O(n log n)); every other kept rule moved.
    private static HashSet<string> LongestCommonOrder(List<string> before, List<string> after)
    {
        var position = after.Select((m, i) => (m, i)).ToDictionary(p => p.m, p => p.i, StringComparer.Ordinal);
        var tails = new List<int>();
        var tailIndex = new List<int>();
        var previous = new int[before.Count];
        for (var i = 0; i < before.Count; i++)
        {
            var p = position[before[i]];
            var slot = tails.BinarySearch(p);
            slot = slot < 0 ? ~slot : slot;
            previous[i] = slot > 0 ? tailIndex[slot - 1] : -1;
            if (slot == tails.Count)
            {
                tails.Add(p);
                tailIndex.Add(i);
            }
            else
            {
                tails[slot] = p;
                tailIndex[slot] = i;
            }
        }

        var common = new HashSet<string>(StringComparer.Ordinal);
        for (var i = tailIndex.Count == 0 ? -1 : tailIndex[^1]; i >= 0; i = previous[i])
        {
            common.Add(before[i]);
        }

        return common;
    }
}
