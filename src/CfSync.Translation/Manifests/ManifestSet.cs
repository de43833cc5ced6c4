using System.Text.Json.Nodes;

namespace CfSync.Translation.Manifests;

/// <summary>How many objects of a kind CfSync does not read a manifest set holds.</summary>
public sealed record IgnoredKind(string ApiVersion, string Kind, int Count);

/// <summary>
/// An in-memory cluster made of manifest documents. Objects of the kinds CfSync reads (<see cref="Kinds"/>) are
/// looked up; the same one twice is a problem naming the second and where the first is, all of them listed in one
/// <see cref="ManifestException"/>. Objects of other kinds are only counted (<see cref="Ignored"/>), so that folders
/// of several clusters, each with its own Secret of the same name, render together.
/// </summary>
public sealed class ManifestSet : IClusterView
{
    private readonly Dictionary<(GroupKind Kind, string? Namespace, string Name), ManifestDocument> objects = [];
    private readonly Dictionary<GroupKind, List<JsonObject>> byKind = [];

    /// <exception cref="ManifestException">Documents describe the same object of a kind CfSync reads.</exception>
    public ManifestSet(IEnumerable<ManifestDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var problems = new ManifestProblems();
        var ignored = new Dictionary<(string ApiVersion, string Kind), int>();
        foreach (var document in documents)
        {
            var apiVersion = (string)document.Object["apiVersion"]!;
            var kind = new GroupKind(GroupKind.GroupOf(apiVersion), (string)document.Object["kind"]!);
            if (Kinds.Find(kind) is null)
            {
                ignored[(apiVersion, kind.Kind)] = ignored.GetValueOrDefault((apiVersion, kind.Kind)) + 1;
                continue;
            }

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
        Ignored = ignored
            .Select(i => new IgnoredKind(i.Key.ApiVersion, i.Key.Kind, i.Value))
            .OrderBy(i => i.ApiVersion, StringComparer.Ordinal)
            .ThenBy(i => i.Kind, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The kinds CfSync does not read, by apiVersion then kind.</summary>
    public IReadOnlyList<IgnoredKind> Ignored { get; }

    public TunnelIds TunnelIds { get; init; } = TunnelIds.None;

    public JsonObject? Find(GroupKind kind, string? objectNamespace, string name) =>
        objects.GetValueOrDefault((kind, objectNamespace, name))?.Object;

    public IReadOnlyList<JsonObject> List(GroupKind kind) =>
        byKind.TryGetValue(kind, out var list) ? list : [];
}
