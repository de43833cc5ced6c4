using System.Text.Json.Nodes;

namespace CfSync.Translation.Manifests;

/// <summary>
/// An in-memory cluster made of manifest documents. The same object twice is a problem naming the second and
/// where the first is; all of them are listed in one <see cref="ManifestException"/>.
/// </summary>
public sealed class ManifestSet : IClusterView
{
    private readonly Dictionary<(GroupKind Kind, string? Namespace, string Name), ManifestDocument> objects = [];
    private readonly Dictionary<GroupKind, List<JsonObject>> byKind = [];

    /// <exception cref="ManifestException">Documents describe the same object.</exception>
    public ManifestSet(IEnumerable<ManifestDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var problems = new ManifestProblems();
        foreach (var document in documents)
        {
            var kind = KindOf(document.Object);
            var metadata = (JsonObject)document.Object["metadata"]!;
            var key = (kind, (string?)metadata["namespace"], (string)metadata["name"]!);
            if (objects.TryGetValue(key, out var first))
            {
                problems.Add(new ManifestProblem(document.File, document.Document, document.Line, 0, ObjectDescription.Of(kind.Kind, key.Item2, key.Item3), null,
                    $"is defined twice (first at {first.File}:{first.Line})"));
                continue;
            }

            objects[key] = document;
            if (!byKind.TryGetValue(kind, out var list))
            {
                byKind[kind] = list = [];
            }

            list.Add(document.Object);
        }

        problems.ThrowIfAny();
    }

    public JsonObject? Find(GroupKind kind, string? objectNamespace, string name) =>
        objects.GetValueOrDefault((kind, objectNamespace, name))?.Object;

    public IReadOnlyList<JsonObject> List(GroupKind kind) =>
        byKind.TryGetValue(kind, out var list) ? list : [];

    private static GroupKind KindOf(JsonObject obj) =>
        new(GroupKind.GroupOf((string)obj["apiVersion"]!), (string)obj["kind"]!);
}
