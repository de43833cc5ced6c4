using System.Text.Json.Nodes;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// The JSONPath subset printer columns use: <c>.field</c>, <c>[n]</c>, <c>[*]</c> and <c>[?(@.field=="value")]</c>
/// (as in the Gateway API's <c>.status.conditions[?(@.type=="Accepted")].status</c>).
/// </summary>
internal sealed class ColumnPath
{
    private readonly IReadOnlyList<Func<JsonNode, IEnumerable<JsonNode>>> _steps;

    private ColumnPath(IReadOnlyList<Func<JsonNode, IEnumerable<JsonNode>>> steps) => _steps = steps;

    public static ColumnPath Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var steps = new List<Func<JsonNode, IEnumerable<JsonNode>>>();
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                var field = path[(i + 1)..end];
                steps.Add(node => node is JsonObject o && o[field] is { } value ? [value] : []);
                i = end;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0)
                {
                    throw new FormatException($"jsonPath '{path}': '[' at {i} is not closed");
                }

                steps.Add(Bracket(path, path[(i + 1)..end]));
                i = end + 1;
            }
            else
            {
                throw new FormatException($"jsonPath '{path}': unexpected '{path[i]}' at {i}");
            }
        }

        return new ColumnPath(steps);
    }

    public JsonNode? First(JsonObject obj)
    {
        IEnumerable<JsonNode> nodes = [obj];
        foreach (var step in _steps)
        {
            nodes = nodes.SelectMany(step);
        }

        return nodes.FirstOrDefault();
    }

    private static Func<JsonNode, IEnumerable<JsonNode>> Bracket(string path, string inside)
    {
        if (inside == "*")
        {
            return node => node is JsonArray a ? a.OfType<JsonNode>() : [];
        }

        if (int.TryParse(inside, out var index))
        {
            return node => node is JsonArray a && index >= 0 && index < a.Count && a[index] is { } item ? [item] : [];
        }

        // ?(@.field=="value")
        if (inside.StartsWith("?(@.", StringComparison.Ordinal) && inside.EndsWith(')') && inside.Split("==") is [var left, var right])
        {
            var field = left[4..];
            var value = right[..^1].Trim('"', '\'');
            return node => node is JsonArray a ? a.OfType<JsonNode>().Where(item => (item as JsonObject)?[field]?.ToString() == value) : [];
        }

        throw new FormatException($"jsonPath '{path}': [{inside}] is not supported (only [n], [*] and [?(@.field==\"value\")])");
    }
}
