using System.Text.Json.Nodes;
using YamlDotNet.Core;

namespace CfSync.Translation.Manifests;

/// <summary>
/// Where the nodes of a document start in its text, for problems to name a line. Kept only as deep as validation
/// looks (the metadata of a List's items is at depth 4); nodes copied by an alias have none and fall back to
/// what holds them.
/// </summary>
internal sealed class NodeMarks
{
    public const int Depth = 4;

    private readonly Dictionary<JsonNode, Mark> starts = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(JsonObject Owner, string Key), Mark> keys = [];

    public void Start(JsonNode node, Mark mark) => starts[node] = mark;

    public void Key(JsonObject owner, string key, Mark mark) => keys[(owner, key)] = mark;

    public Mark StartOf(JsonNode? node, Mark fallback) =>
        node is not null && starts.TryGetValue(node, out var mark) ? mark : fallback;

    public Mark KeyOf(JsonObject owner, string key, Mark fallback) =>
        keys.TryGetValue((owner, key), out var mark) ? mark : fallback;
}
