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
        var context = new Context(document.Index, file, objects, problems);
        switch (document.Root)
        {
            case null:
                return;
            case JsonArray array:
                AddItems(array, null, document.Marks, document.Marks.Start, context);
                return;
            default:
                AddObject(document.Root, null, document.Marks, document.Marks.Start, context);
                return;
        }
    }

    private static void AddItems(JsonArray items, string? field, NodeMarks? marks, Mark fallback, Context context)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item)
            {
                AddObject(item, $"{field}[{i}]", marks?.ElementOf(i), marks?.Start ?? fallback, context);
            }
        }
    }

    // field: where the object is in its document, null for the document itself; marks: null inside an alias's copy.
    private static void AddObject(JsonNode node, string? field, NodeMarks? marks, Mark fallback, Context context)
    {
        var start = marks?.Start ?? fallback;
        if (node is not JsonObject obj)
        {
            context.Problems.Add(new ManifestProblem(context.File, context.Index, (int)start.Line, (int)start.Column, null, field, "a manifest document must be a mapping (a Kubernetes object)"));
            return;
        }

        var found = ManifestObjectRules.Check(obj);
        foreach (var problem in found)
        {
            var at = problem.Owner == obj
                ? marks?.KeyOf(problem.Key) ?? start
                : marks?.FieldOf("metadata")?.KeyOf(problem.Key) ?? marks?.KeyOf("metadata") ?? start;
            context.Problems.Add(new ManifestProblem(context.File, context.Index, (int)at.Line, (int)at.Column, Describe(obj), Join(field, problem.Field), problem.Message));
        }

        if (found.Count > 0)
        {
            return;
        }

        if (ManifestObjectRules.IsList(obj))
        {
            AddItems((JsonArray)obj["items"]!, Join(field, "items"), marks?.FieldOf("items"), start, context);
            return;
        }

        var metadata = (JsonObject)obj["metadata"]!;
        var apiVersion = (string)obj["apiVersion"]!;
        if (metadata["namespace"] is null && Kinds.IsNamespaced(new GroupKind(GroupKind.GroupOf(apiVersion), (string)obj["kind"]!)))
        {
            metadata["namespace"] = "default";
        }

        context.Objects.Add(new ManifestDocument(obj, context.File, context.Index, (int)start.Line));
    }

    private static string Join(string? prefix, string field) => prefix is null ? field : $"{prefix}.{field}";

    private sealed record Context(int Index, string File, List<ManifestDocument> Objects, ManifestProblems Problems);

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
