using System.Text.Json.Nodes;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// Strategic merge patch (application/strategic-merge-patch+json) over one kind's <see cref="PatchStrategies"/>: maps
/// merge and null deletes, as in a merge patch; lists with a merge key merge element by element, lists merged by value
/// take the union, every other list is replaced. Directives: <c>$patch: replace</c> (a map, or a list through an element
/// holding only it), <c>$patch: delete</c> (a map, or a keyed list element), <c>$setElementOrder/&lt;list&gt;</c>,
/// <c>$deleteFromPrimitiveList/&lt;list&gt;</c> and <c>$retainKeys</c>. Anything else starting with '$' is refused.
/// </summary>
internal static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string SetElementOrder = "$setElementOrder/";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

    /// <exception cref="ApiStatusException">400 naming the field when the patch is malformed.</exception>
    public static JsonObject Apply(JsonObject current, JsonNode? patch, PatchStrategies strategies)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        if (patch is not JsonObject map)
        {
            throw ApiStatusException.BadRequest("a strategic merge patch must be a JSON object");
        }

        return MergeMap((JsonObject)current.DeepClone(), map, "", strategies)
            ?? throw ApiStatusException.BadRequest("$patch: delete at the top level would delete the object; use DELETE");
    }

    /// <summary>The merged map, or null when the patch deletes it.</summary>
    private static JsonObject? MergeMap(JsonObject target, JsonObject patch, string path, PatchStrategies strategies)
    {
        switch (Directive(patch, path))
        {
            case "replace":
                return Clean(patch, path, strategies);
            case "delete":
                return null;
        }

        // Removals first: the same patch may add what it keeps.
        foreach (var (key, value) in patch.Where(p => p.Key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal)))
        {
            var field = key[DeleteFromPrimitiveList.Length..];
            var removed = value as JsonArray ?? throw Malformed(Join(path, key), "must be a list");
            if (target[field] is JsonArray list)
            {
                foreach (var item in list.Where(i => removed.Any(r => JsonNode.DeepEquals(r, i))).ToList())
                {
                    list.Remove(item);
                }
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith('$'))
            {
                if (key is not (PatchDirective or RetainKeys) && !key.StartsWith(SetElementOrder, StringComparison.Ordinal) && !key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
                {
                    throw Malformed(Join(path, key), "is not a strategic merge patch directive this server supports ($patch, $retainKeys, $setElementOrder/, $deleteFromPrimitiveList/)");
                }

                continue;
            }

            var field = Join(path, key);
            switch (value)
            {
                case null:
                    target.Remove(key);
                    break;
                case JsonObject child:
                    var merged = MergeMap(target[key] as JsonObject ?? [], child, field, strategies);
                    if (merged is null)
                    {
                        target.Remove(key);
                    }
                    else
                    {
                        target[key] = merged;
                    }

                    break;
                case JsonArray list:
                    target[key] = MergeList(target[key] as JsonArray, list, field, strategies);
                    break;
                default:
                    target[key] = value.DeepClone();
                    break;
            }
        }

        foreach (var (key, value) in patch.Where(p => p.Key.StartsWith(SetElementOrder, StringComparison.Ordinal)))
        {
            var field = key[SetElementOrder.Length..];
            var order = value as JsonArray ?? throw Malformed(Join(path, key), "must be a list");
            if (target[field] is JsonArray list)
            {
                target[field] = Ordered(list, order, strategies.For(Join(path, field))?.Key, Join(path, key));
            }
        }

        if (patch[RetainKeys] is { } retain)
        {
            var kept = (retain as JsonArray ?? throw Malformed(Join(path, RetainKeys), "must be a list of field names")).Select(k => k?.ToString()).ToHashSet(StringComparer.Ordinal);
            foreach (var key in target.Select(p => p.Key).Where(k => !kept.Contains(k)).ToList())
            {
                target.Remove(key);
            }
        }

        return target;
    }

    private static JsonArray MergeList(JsonArray? target, JsonArray patch, string path, PatchStrategies strategies)
    {
        // An element {"$patch": "replace"} replaces the whole list with the patch's other elements.
        var replace = patch.OfType<JsonObject>().Any(e => e.Count == 1 && Directive(e, path) == "replace");
        var elements = patch.Where(e => !(e is JsonObject o && o.Count == 1 && o[PatchDirective] is not null)).ToList();
        var merge = strategies.For(path);
        if (merge is null || replace)
        {
            return new JsonArray([.. elements.Select(e => e is JsonObject o ? Clean(o, path, strategies) : e?.DeepClone())]);
        }

        var result = target is null ? [] : (JsonArray)target.DeepClone();
        if (merge.Key is null)
        {
            foreach (var element in elements.Where(e => !result.Any(r => JsonNode.DeepEquals(r, e))))
            {
                result.Add(element?.DeepClone());
            }

            return result;
        }

        foreach (var element in elements)
        {
            var patchElement = element as JsonObject ?? throw Malformed(path, $"is merged by '{merge.Key}', so its elements must be objects");
            var key = patchElement[merge.Key] ?? throw Malformed(path, $"an element does not contain the merge key '{merge.Key}'");
            var existing = result.OfType<JsonObject>().FirstOrDefault(r => JsonNode.DeepEquals(r[merge.Key], key));
            var merged = MergeMap(existing is null ? [] : (JsonObject)existing.DeepClone(), patchElement, path, strategies);
            var index = existing is null ? -1 : result.IndexOf(existing);
            if (merged is null)
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }
            }
            else if (index >= 0)
            {
                result[index] = merged;
            }
            else
            {
                result.Add(merged);
            }
        }

        return result;
    }

    /// <summary>The elements named in <paramref name="order"/> first, in its order; the others after, as they were.</summary>
    private static JsonArray Ordered(JsonArray list, JsonArray order, string? key, string path)
    {
        if (key is not null && order.Any(e => e is not JsonObject))
        {
            throw Malformed(path, $"the list is merged by '{key}', so its order must name elements by '{key}'");
        }

        JsonNode? Identity(JsonNode? element) => key is null ? element : (element as JsonObject)?[key];
        int Position(JsonNode? element)
        {
            for (var i = 0; i < order.Count; i++)
            {
                if (JsonNode.DeepEquals(Identity(order[i]), Identity(element)))
                {
                    return i;
                }
            }

            return order.Count;
        }

        return new JsonArray([.. list.Select((e, i) => (Element: e, Position: Position(e), Index: i))
            .OrderBy(e => e.Position).ThenBy(e => e.Index).Select(e => e.Element?.DeepClone())]);
    }

    /// <summary>A map added or replaced whole: the patch without directives and null fields.</summary>
    private static JsonObject Clean(JsonObject patch, string path, PatchStrategies strategies)
    {
        var copy = (JsonObject)patch.DeepClone();
        copy.Remove(PatchDirective);
        return MergeMap([], copy, path, strategies) ?? [];
    }

    private static string? Directive(JsonObject patch, string path)
    {
        if (patch[PatchDirective] is not { } directive)
        {
            return null;
        }

        return directive is JsonValue value && value.TryGetValue<string>(out var name) && name is "replace" or "delete" or "merge"
            ? name
            : throw Malformed(Join(path, PatchDirective), $"'{directive.ToJsonString()}' is not replace, delete or merge");
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static ApiStatusException Malformed(string field, string problem) =>
        ApiStatusException.BadRequest($"strategic merge patch: {field}: {problem}");
}
