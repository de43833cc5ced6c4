using System.Text.Json.Nodes;
using CfSync.Kubernetes.DevCluster;

namespace CfSync.Testing;

/// <summary>What a service account may do: the rules of every Role and ClusterRole bound to it, expanded.</summary>
public static class Grants
{
    /// <summary>The service accounts of infra/base/serviceaccounts.yaml that call the API server.</summary>
    public const string Bridge = "cfsync-bridge";

    /// <summary>The Functions worker's: the watchers and the status writers.</summary>
    public const string Functions = "cfsync-functions";

    public static IReadOnlySet<ApiRequest> Of(Overlay overlay, string serviceAccount)
    {
        ArgumentNullException.ThrowIfNull(overlay);
        var bindings = overlay.OfKind("RoleBinding").Concat(overlay.OfKind("ClusterRoleBinding"))
            .Where(b => b["subjects"]!.AsArray().Any(s => (string?)s!["kind"] == "ServiceAccount" && (string?)s["name"] == serviceAccount));
        var rules = bindings.SelectMany(b => overlay.Get((string)b["roleRef"]!["kind"]!, (string)b["roleRef"]!["name"]!)["rules"]!.AsArray());
        return rules.SelectMany(r => Expand(r!.AsObject())).ToHashSet();
    }

    /// <summary>
    /// A rule's requests. Wildcards are refused rather than expanded: least privilege names every verb and resource.
    /// resourceNames narrow a rule without changing which requests it is about, so they are not part of the set.
    /// </summary>
    /// <exception cref="InvalidOperationException">The rule has a wildcard or non-resource URLs.</exception>
    public static IEnumerable<ApiRequest> Expand(JsonObject rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var verbs = Strings(rule["verbs"]);
        var groups = Strings(rule["apiGroups"]);
        var resources = Strings(rule["resources"]);
        if (verbs.Concat(groups).Concat(resources).Contains("*") || rule["nonResourceURLs"] is not null)
        {
            throw new InvalidOperationException($"A least-privilege rule names every verb and resource: {rule.ToJsonString()}");
        }

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
