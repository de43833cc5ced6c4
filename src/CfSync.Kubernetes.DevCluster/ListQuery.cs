using System.Text;
using System.Text.Json.Nodes;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// Which objects a list or watch selects: namespace (null for all namespaces), label selector,
/// the metadata.name/metadata.namespace field selectors, and paging.
/// </summary>
internal sealed record ListQuery(string? Namespace, LabelSelector Labels, IReadOnlyList<FieldRequirement> Fields, int Limit, string ContinueAfter)
{
    public bool Matches(JsonObject obj) =>
        (Namespace is null || ObjectMeta.Namespace(obj) == Namespace)
        && Labels.Matches(ObjectMeta.Labels(obj))
        && Fields.All(f => f.Matches(obj));

    public static ListQuery From(ApiResource resource, string? @namespace, Func<string, string?> parameter)
    {
        var limitText = parameter("limit");
        var limit = 0;
        if (limitText is not null && (!int.TryParse(limitText, out limit) || limit < 0))
        {
            throw ApiStatusException.BadRequest($"invalid limit \"{limitText}\"");
        }

        return new ListQuery(
            @namespace,
            LabelSelector.Parse(parameter("labelSelector")),
            FieldRequirement.Parse(parameter("fieldSelector"), resource),
            limit,
            DecodeContinue(parameter("continue")));
    }

    /// <summary>The opaque continue token: the storage key of the last object returned.</summary>
    public static string EncodeContinue(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes(key));

    private static string DecodeContinue(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return "";
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw ApiStatusException.BadRequest("continue key is not valid");
        }
    }
}

/// <summary>
/// One field selector term: metadata.name and metadata.namespace for every kind, plus the kind's
/// <see cref="ApiResource.SelectableFields"/>. A missing field compares as "" (an Event without reason matches reason=).
/// </summary>
internal sealed record FieldRequirement(string Path, string Value, bool Equal)
{
    public bool Matches(JsonObject obj)
    {
        JsonNode? node = obj;
        foreach (var part in Path.Split('.'))
        {
            node = node?[part];
        }

        return (node?.ToString() ?? "") == Value == Equal;
    }

    public static IReadOnlyList<FieldRequirement> Parse(string? text, ApiResource resource)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        return [.. text.Split(',').Select(term => ParseOne(term, resource))];
    }

    private static FieldRequirement ParseOne(string term, ApiResource resource)
    {
        var notEqual = term.Contains("!=", StringComparison.Ordinal);
        var parts = term.Split(notEqual ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
        var field = parts[0].Trim();
        var path = field is "metadata.name" or "metadata.namespace" ? field : resource.SelectableFields.GetValueOrDefault(field);
        return parts.Length == 2 && path is not null
            ? new FieldRequirement(path, parts[1].Trim(), !notEqual)
            : throw ApiStatusException.BadRequest($"field label not supported: \"{field}\" (\"{term}\")");
    }
}
