using System.Text.Json.Nodes;

namespace CfSync.Deploy.Tests;

/// <summary>One kind of request to the API server, as RBAC sees it: verb, API group, resource and subresource ("" for none).</summary>
public sealed record ApiRequest(string Verb, string Group, string Resource, string Subresource = "")
{
    public override string ToString() => $"{Verb} {(Group.Length == 0 ? "core" : Group)}/{Resource}{(Subresource.Length == 0 ? "" : "/" + Subresource)}";
}

/// <summary>What a service account may do: the rules of every Role and ClusterRole bound to it, expanded.</summary>
internal static class Grants
{
    public static IReadOnlySet<ApiRequest> Of(Overlay overlay, string serviceAccount)
    {
        var bindings = overlay.OfKind("RoleBinding").Concat(overlay.OfKind("ClusterRoleBinding"))
            .Where(b => b["subjects"]!.AsArray().Any(s => (string?)s!["kind"] == "ServiceAccount" && (string?)s["name"] == serviceAccount));
        var rules = bindings.SelectMany(b => overlay.Get((string)b["roleRef"]!["kind"]!, (string)b["roleRef"]!["name"]!)["rules"]!.AsArray());
        return rules.SelectMany(r => Expand(r!.AsObject())).ToHashSet();
    }

    /// <summary>
    /// A rule's requests. Wildcards are refused rather than expanded: least privilege names every verb and resource.
    /// resourceNames narrow a rule without changing which requests it is about, so they are not part of the set.
    /// </summary>
    public static IEnumerable<ApiRequest> Expand(JsonObject rule)
    {
        var verbs = Strings(rule["verbs"]);
        var groups = Strings(rule["apiGroups"]);
        var resources = Strings(rule["resources"]);
        Assert.DoesNotContain("*", verbs.Concat(groups).Concat(resources));
        Assert.Null(rule["nonResourceURLs"]);
        return from verb in verbs
               from g in groups
               from resource in resources
               let parts = resource.Split('/', 2)
               select new ApiRequest(verb, g, parts[0], parts.Length == 2 ? parts[1] : "");
    }

    /// <summary>Both ways: what the requests need that is not granted, and what is granted that no request needs.</summary>
    public static (IReadOnlyList<ApiRequest> Missing, IReadOnlyList<ApiRequest> Unused) Compare(IReadOnlySet<ApiRequest> granted, IEnumerable<ApiRequest> requests)
    {
        var needed = requests.ToHashSet();
        return ([.. needed.Except(granted).OrderBy(r => r.ToString(), StringComparer.Ordinal)],
                [.. granted.Except(needed).OrderBy(r => r.ToString(), StringComparer.Ordinal)]);
    }

    private static List<string> Strings(JsonNode? node) => [.. (node?.AsArray() ?? []).Select(n => (string)n!)];
}
