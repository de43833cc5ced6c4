using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Core.Sources;
using CfSync.Core.Text;

namespace CfSync.Translation.Manifests;

/// <summary>A field of an object that breaks a rule: <see cref="Key"/> of <see cref="Owner"/>, at <see cref="Field"/>.</summary>
internal sealed record FieldProblem(JsonObject Owner, string Key, string Field, string Message);

/// <summary>
/// What every object must be before anything reads it, by Kubernetes' own rules: apiVersion and kind strings of
/// their form, and (but for a List, of which only the items count) a metadata mapping whose name follows the rule
/// of its kind (<see cref="Kinds.NameError"/>), whose namespace is a DNS-1123 label and whose uid is a short
/// string. All problems of the object are returned, not just the first.
/// </summary>
internal static class ManifestObjectRules
{
    /// <summary>Kubernetes' uids are 36-character UUIDs; anything much longer is not one.</summary>
    public const int MaxUidLength = 128;

    public static bool IsList(JsonObject obj) =>
        StringOf(obj["kind"]) is { } kind && kind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray;

    public static List<FieldProblem> Check(JsonObject obj)
    {
        var problems = new List<FieldProblem>();
        var apiVersion = Required(obj, "apiVersion", "apiVersion", KubernetesNames.ApiVersionError, problems);
        var kind = Required(obj, "kind", "kind", KubernetesNames.KindError, problems);
        if (IsList(obj))
        {
            return problems;
        }

        if (obj["metadata"] is not JsonObject metadata)
        {
            problems.Add(new FieldProblem(obj, "metadata", "metadata", obj["metadata"] is { } other ? $"must be a mapping, not {Describe(other)}" : "is required"));
            return problems;
        }

        GroupKind? groupKind = apiVersion is null || kind is null ? null : new(GroupKind.GroupOf(apiVersion), kind);
        Required(metadata, "name", "metadata.name", name => groupKind is null ? KubernetesNames.PathSegmentError(name) : Kinds.NameError(groupKind, name), problems);
        Optional(metadata, "namespace", "metadata.namespace", KubernetesNames.LabelError, problems);
        Optional(metadata, "uid", "metadata.uid", uid => uid.Length <= MaxUidLength ? null : $"must be at most {MaxUidLength} characters (Kubernetes' are 36-character UUIDs)", problems);
        return problems;
    }

    /// <summary>The string a node holds; null when it holds none.</summary>
    public static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string? Required(JsonObject owner, string key, string field, Func<string, string?> rule, List<FieldProblem> problems)
    {
        if (owner[key] is null)
        {
            problems.Add(new FieldProblem(owner, key, field, "is required"));
            return null;
        }

        return Optional(owner, key, field, rule, problems);
    }

    private static string? Optional(JsonObject owner, string key, string field, Func<string, string?> rule, List<FieldProblem> problems)
    {
        if (owner[key] is not { } node)
        {
            return null;
        }

        if (StringOf(node) is not { } text)
        {
            problems.Add(new FieldProblem(owner, key, field, $"must be a string, not {Describe(node)}"));
            return null;
        }

        if (rule(text) is { } error)
        {
            problems.Add(new FieldProblem(owner, key, field, $"'{Quote.Of(text)}' {error}"));
            return null;
        }

        return text;
    }

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => "a mapping",
        JsonValueKind.Array => "a sequence",
        JsonValueKind.Number => $"the number {Quote.Of(node.ToJsonString())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {node.ToJsonString()}",
        _ => "a string",
    };
}
