using System.Text.Json.Nodes;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// The unaggregated discovery documents (/version, /api, /api/v1, /apis, /apis/{group}, /apis/{group}/{version}), as
/// kube-apiserver serves them. A client asking for aggregated discovery (apidiscovery.k8s.io/v2) gets these in plain
/// application/json, which client-go and kubectl take as "not aggregated" and then read each group version's list.
/// </summary>
internal sealed class Discovery(ApiResourceTable resources)
{
    /// <summary>What every resource here supports (no deletecollection).</summary>
    private static readonly string[] Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"];

    /// <summary>Reported as the server version; kubectl 1.32 is installed beside it.</summary>
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-cfsync-devcluster",
        ["gitCommit"] = "",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "",
        ["goVersion"] = "",
        ["compiler"] = "dotnet",
        ["platform"] = "linux/amd64",
    };

    /// <summary>The document at <paramref name="segments"/> (the URL path split at '/'), or null when it is not one.</summary>
    public JsonObject? Find(IReadOnlyList<string> segments, string serverAddress) => segments switch
    {
        ["api"] => new JsonObject
        {
            ["kind"] = "APIVersions",
            ["versions"] = new JsonArray("v1"),
            ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
        },
        ["api", "v1"] => ResourceList("", "v1"),
        ["apis"] => new JsonObject
        {
            ["kind"] = "APIGroupList",
            ["apiVersion"] = "v1",
            ["groups"] = new JsonArray([.. Groups().Select(g => (JsonNode)Group(g))]),
        },
        ["apis", var group] when Groups().Contains(group) => Group(group),
        ["apis", var group, var version] when resources.Resources.Any(r => r.Group == group && r.Versions.Contains(version)) => ResourceList(group, version),
        _ => null,
    };

    /// <summary>Every named group and its versions, highest priority (the preferred version) first.</summary>
    public IEnumerable<(string Group, string Version)> GroupVersions() =>
        Groups().Prepend("").SelectMany(g => VersionsOf(g).Select(v => (g, v)));

    private string[] Groups() => [.. resources.Resources.Select(r => r.Group).Where(g => g.Length > 0).Distinct()];

    private string[] VersionsOf(string group) =>
        [.. resources.Resources.Where(r => r.Group == group).SelectMany(r => r.Versions).Distinct().Order(VersionPriority.Comparer)];

    private JsonObject Group(string group)
    {
        var versions = VersionsOf(group).Select(v => new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v }).ToList();
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray([.. versions]),
            ["preferredVersion"] = versions[0].DeepClone(),
        };
    }

    private JsonObject ResourceList(string group, string version)
    {
        var list = new JsonArray();
        foreach (var resource in resources.Resources.Where(r => r.Group == group && r.Versions.Contains(version)))
        {
            list.Add(new JsonObject
            {
                ["name"] = resource.Plural,
                ["singularName"] = resource.Singular,
                ["namespaced"] = resource.Namespaced,
                ["kind"] = resource.Kind,
                ["verbs"] = new JsonArray([.. Verbs.Select(v => (JsonNode)v)]),
                ["shortNames"] = new JsonArray([.. resource.ShortNames.Select(s => (JsonNode)s)]),
                ["categories"] = new JsonArray([.. resource.Categories.Select(c => (JsonNode)c)]),
            });
            if (resource.HasStatusSubresource)
            {
                list.Add(new JsonObject
                {
                    ["name"] = $"{resource.Plural}/status",
                    ["singularName"] = "",
                    ["namespaced"] = resource.Namespaced,
                    ["kind"] = resource.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = list,
        };
    }
}
