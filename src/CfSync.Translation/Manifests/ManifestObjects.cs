using System.Text.Json.Nodes;
using CfSync.Core.Text;
using YamlDotNet.Core;

namespace CfSync.Translation.Manifests;

/// <summary>
/// Turns a read YAML document into the Kubernetes objects it holds: itself, the items of a List kind or of a
/// top-level JSON array (empty entries skipped). Each object is checked whole (<see cref="ManifestObjectRules"/>);
/// one with problems is reported, field by field, and left out. A known namespaced kind without a namespace lands
/// in "default", as <c>kubectl apply</c> would put it.
/// </summary>
internal static class ManifestObjects
{
    public static void Add(YamlDocument document, string file, List<ManifestDocument> objects, ManifestProblems problems)
    {
        switch (document.Root)
        {
            case null:
                return;
            case JsonArray array:
                AddItems(array, string.Empty, document.Start, document, file, objects, problems);
                return;
            default:
                AddObject(document.Root, null, document.Start, document, file, objects, problems);
                return;
        }
    }

    private static void AddItems(JsonArray items, string field, Mark fallback, YamlDocument document, string file, List<ManifestDocument> objects, ManifestProblems problems)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item)
            {
                AddObject(item, $"{field}[{i}]", fallback, document, file, objects, problems);
            }
        }
    }

    // field: where the object is in its document, null for the document itself.
    private static void AddObject(JsonNode node, string? field, Mark fallback, YamlDocument document, string file, List<ManifestDocument> objects, ManifestProblems problems)
    {
        var start = document.Marks.StartOf(node, fallback);
        if (node is not JsonObject obj)
        {
            problems.Add(new ManifestProblem(file, document.Index, (int)start.Line, (int)start.Column, null, field, "a manifest document must be a mapping (a Kubernetes object)"));
            return;
        }

        var found = ManifestObjectRules.Check(obj);
        foreach (var problem in found)
        {
            var owner = problem.Owner == obj ? start : document.Marks.KeyOf(obj, "metadata", start);
            var at = document.Marks.KeyOf(problem.Owner, problem.Key, owner);
            problems.Add(new ManifestProblem(file, document.Index, (int)at.Line, (int)at.Column, Describe(obj), Join(field, problem.Field), problem.Message));
        }

        if (found.Count > 0)
        {
            return;
        }

        if (ManifestObjectRules.IsList(obj))
        {
            AddItems((JsonArray)obj["items"]!, Join(field, "items"), start, document, file, objects, problems);
            return;
        }

        var metadata = (JsonObject)obj["metadata"]!;
        var apiVersion = (string)obj["apiVersion"]!;
        if (metadata["namespace"] is null && Kinds.IsNamespaced(new GroupKind(GroupKind.GroupOf(apiVersion), (string)obj["kind"]!)))
        {
            metadata["namespace"] = "default";
        }

        objects.Add(new ManifestDocument(obj, file, document.Index, (int)start.Line));
    }

    private static string Join(string? prefix, string field) => prefix is null ? field : $"{prefix}.{field}";

    // Whatever of kind, namespace and name is a string, quoted: the object may be refused for any of them.
    private static string? Describe(JsonObject obj)
    {
        if (ManifestObjectRules.StringOf(obj["kind"]) is not { } kind)
        {
            return null;
        }

        var metadata = obj["metadata"] as JsonObject;
        return ManifestObjectRules.StringOf(metadata?["name"]) is { } name
            ? ObjectDescription.Of(kind, ManifestObjectRules.StringOf(metadata?["namespace"]), name)
            : Quote.Of(kind);
    }
}
