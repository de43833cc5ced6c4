using System.Text.Json.Nodes;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// The OpenAPI v3 documents kubectl reads before it writes (/openapi/v3 and one per group version). They declare, per
/// kind, the PATCH operation with the media types this server accepts and its <c>fieldValidation</c> parameter. That is
/// what kubectl 1.32 looks for to leave validation to the server instead of validating on the client, which needs
/// /openapi/v2 in protobuf. They hold no object schemas: kubectl then computes apply's strategic merge patch from its own
/// built-in types, and this server does not validate objects (fieldValidation is accepted and not enforced).
/// </summary>
internal sealed class OpenApiDocuments(ApiResourceTable resources, Discovery discovery)
{
    private const string Prefix = "/openapi/v3/";

    /// <summary>The PATCH query parameters kube-apiserver declares; kubectl checks for fieldValidation.</summary>
    private static readonly string[] PatchParameters = ["dryRun", "fieldManager", "fieldValidation", "force"];

    public JsonObject Index()
    {
        var paths = new JsonObject();
        foreach (var (group, version) in discovery.GroupVersions())
        {
            var key = PathOf(group, version);
            paths[key] = new JsonObject { ["serverRelativeURL"] = Prefix + key };
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document of "api/v1" or "apis/{group}/{version}", or null when no such group version is served.</summary>
    public JsonObject? Find(string groupVersionPath)
    {
        var served = discovery.GroupVersions().Where(gv => PathOf(gv.Group, gv.Version) == groupVersionPath).ToList();
        if (served.Count == 0)
        {
            return null;
        }

        var (group, version) = served[0];
        var paths = new JsonObject();
        foreach (var resource in resources.Resources.Where(r => r.Group == group && r.Versions.Contains(version)))
        {
            var scope = resource.Namespaced ? "namespaces/{namespace}/" : "";
            paths[$"/{groupVersionPath}/{scope}{resource.Plural}/{{name}}"] = new JsonObject { ["patch"] = Patch(resource, version) };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "CfSync dev cluster", ["version"] = (string?)Discovery.Version()["gitVersion"] },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static string PathOf(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    private static JsonObject Patch(ApiResource resource, string version)
    {
        var mediaTypes = new List<string> { "application/json-patch+json", "application/merge-patch+json" };
        if (resource.StrategicMerge is not null)
        {
            mediaTypes.Add("application/strategic-merge-patch+json");
        }

        var content = new JsonObject();
        foreach (var mediaType in mediaTypes)
        {
            content[mediaType] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } };
        }

        return new JsonObject
        {
            ["operationId"] = $"patch{resource.Kind}",
            ["x-kubernetes-action"] = "patch",
            ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = resource.Group, ["version"] = version, ["kind"] = resource.Kind },
            ["parameters"] = new JsonArray([.. PatchParameters.Select(name => (JsonNode)new JsonObject
            {
                ["name"] = name,
                ["in"] = "query",
                ["schema"] = new JsonObject { ["type"] = name == "force" ? "boolean" : "string", ["uniqueItems"] = true },
            })]),
            ["requestBody"] = new JsonObject { ["content"] = content, ["required"] = true },
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
        };
    }
}
