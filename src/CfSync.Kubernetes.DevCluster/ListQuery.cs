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

    public static ListQuery From(string? @namespace, Func<string, string?> parameter)
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
            FieldRequirement.Parse(parameter("fieldSelector")),
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

/// <summary>One field selector term; only metadata.name and metadata.namespace are supported.</summary>
internal sealed record FieldRequirement(string Field, string Value, bool Equal)
{
    public bool Matches(JsonObject obj) =>
        (Field == "metadata.name" ? ObjectMeta.Name(obj) : ObjectMeta.Namespace(obj)) == Value == Equal;

    public static IReadOnlyList<FieldRequirement> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        return [.. text.Split(',').Select(ParseOne)];
    }

    private static FieldRequirement ParseOne(string term)
    {
        var notEqual = term.Contains("!=", StringComparison.Ordinal);
        var parts = term.Split(notEqual ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
        var field = parts[0].Trim();
        return parts.Length == 2 && field is "metadata.name" or "metadata.namespace"
            ? new FieldRequirement(field, parts[1].Trim(), !notEqual)
            : throw ApiStatusException.BadRequest($"field label not supported: \"{term}\"");
    }
}
