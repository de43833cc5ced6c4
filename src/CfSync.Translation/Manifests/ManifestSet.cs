using System.Text.Json.Nodes;

namespace CfSync.Translation.Manifests;

/// <summary>An in-memory cluster made of manifest documents. The same object twice is an error naming the second.</summary>
public sealed class ManifestSet : IClusterView
{
    private readonly Dictionary<(GroupKind Kind, string? Namespace, string Name), JsonObject> objects = [];
    private readonly Dictionary<GroupKind, List<JsonObject>> byKind = [];

    /// <exception cref="ManifestException">Two documents describe the same object.</exception>
    public ManifestSet(IEnumerable<ManifestDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        foreach (var document in documents)
        {
            var kind = KindOf(document.Object);
            var metadata = document.Object["metadata"] as JsonObject;
            var key = (kind, (string?)metadata?["namespace"], (string?)metadata?["name"] ?? "");
            if (!objects.TryAdd(key, document.Object))
            {
                throw new ManifestException(document.File, document.Line, 0, $"{kind} {Describe(key.Item2, key.Item3)} is defined twice");
            }

            if (!byKind.TryGetValue(kind, out var list))
            {
                byKind[kind] = list = [];
            }

            list.Add(document.Object);
        }
    }

    public JsonObject? Find(GroupKind kind, string? objectNamespace, string name) =>
        objects.GetValueOrDefault((kind, objectNamespace, name));

    public IReadOnlyList<JsonObject> List(GroupKind kind) =>
        byKind.TryGetValue(kind, out var list) ? list : [];

    private static GroupKind KindOf(JsonObject obj) =>
        new(GroupKind.GroupOf((string?)obj["apiVersion"] ?? ""), (string?)obj["kind"] ?? "");

    private static string Describe(string? @namespace, string name) => @namespace is null ? name : $"{@namespace}/{name}";
}
