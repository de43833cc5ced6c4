using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Translation;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace CfSync.EndToEnd.Tests;

/// <summary>
/// Writes manifests to the cluster as a user's tools would: create, then the status (the API drops status on create);
/// an edit is a merge patch of everything but metadata and status; generic calls for every kind CfSync reads.
/// </summary>
internal sealed class ClusterObjects(IKubernetes client)
{
    /// <summary>Creates the object, or patches it to the manifest when it exists; writes the manifest's status if it has one.</summary>
    public async Task ApplyAsync(JsonObject manifest)
    {
        var target = Target.Of(manifest);
        var current = await GetAsync(target);
        if (current is null)
        {
            var body = manifest.DeepClone().AsObject();
            body.Remove("status");
            var metadata = (JsonObject)body["metadata"]!;
            // The cluster stamps its own creation time.
            metadata.Remove("creationTimestamp");
            current = Json(target.Namespace is null
                ? await client.CustomObjects.CreateClusterCustomObjectAsync(body, target.Group, target.Version, target.Plural)
                : await client.CustomObjects.CreateNamespacedCustomObjectAsync(body, target.Group, target.Version, target.Namespace, target.Plural));
        }
        else
        {
            var patch = new JsonObject();
            foreach (var (key, value) in manifest.Where(p => p.Key is not ("apiVersion" or "kind" or "metadata" or "status")))
            {
                patch[key] = value?.DeepClone();
            }

            current = await PatchAsync(target, patch);
        }

        if (manifest["status"] is { } status)
        {
            await WriteStatusAsync(current, status);
        }
    }

    /// <summary>Replaces the object's status (what the operator does for a Tunnel once it has created it).</summary>
    public async Task WriteStatusAsync(JsonObject current, JsonNode status)
    {
        var target = Target.Of(current);
        var body = current.DeepClone().AsObject();
        body["status"] = status.DeepClone();
        _ = target.Namespace is null
            ? await client.CustomObjects.ReplaceClusterCustomObjectStatusAsync(body, target.Group, target.Version, target.Plural, target.Name)
            : await client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(body, target.Group, target.Version, target.Namespace, target.Plural, target.Name);
    }

    /// <summary>Deletes the object the manifest names (its finalizers, if any, hold it until they are removed).</summary>
    public async Task DeleteAsync(JsonObject manifest)
    {
        var target = Target.Of(manifest);
        _ = target.Namespace is null
            ? await client.CustomObjects.DeleteClusterCustomObjectAsync(target.Group, target.Version, target.Plural, target.Name)
            : await client.CustomObjects.DeleteNamespacedCustomObjectAsync(target.Group, target.Version, target.Namespace, target.Plural, target.Name);
    }

    /// <summary>The object the manifest names as the cluster holds it, or null when there is none.</summary>
    public Task<JsonObject?> GetAsync(JsonObject manifest) => GetAsync(Target.Of(manifest));

    /// <summary>A cluster-scoped object of CfSync's own group (CloudflareSyncState), or null.</summary>
    public async Task<JsonObject?> GetClusterObjectAsync(string group, string version, string plural, string name)
    {
        try
        {
            return Json(await client.CustomObjects.GetClusterCustomObjectAsync(group, version, plural, name));
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<JsonObject?> GetAsync(Target target)
    {
        try
        {
            return Json(target.Namespace is null
                ? await client.CustomObjects.GetClusterCustomObjectAsync(target.Group, target.Version, target.Plural, target.Name)
                : await client.CustomObjects.GetNamespacedCustomObjectAsync(target.Group, target.Version, target.Namespace, target.Plural, target.Name));
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<JsonObject> PatchAsync(Target target, JsonObject patch)
    {
        var body = new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch);
        return Json(target.Namespace is null
            ? await client.CustomObjects.PatchClusterCustomObjectAsync(body, target.Group, target.Version, target.Plural, target.Name)
            : await client.CustomObjects.PatchNamespacedCustomObjectAsync(body, target.Group, target.Version, target.Namespace, target.Plural, target.Name));
    }

    private static JsonObject Json(object result) =>
        JsonSerializer.SerializeToNode(result) as JsonObject ?? throw new InvalidOperationException("The API answered with something other than an object.");

    /// <summary>Where an object lives in the API, from its apiVersion, kind, namespace and name.</summary>
    private sealed record Target(string Group, string Version, string Plural, string? Namespace, string Name)
    {
        public static Target Of(JsonObject obj)
        {
            var apiVersion = (string)obj["apiVersion"]!;
            var kindName = (string)obj["kind"]!;
            var kind = Kinds.Find(new GroupKind(GroupKind.GroupOf(apiVersion), kindName))
                ?? throw new InvalidOperationException($"CfSync does not read {kindName} ({apiVersion}).");
            var metadata = obj["metadata"]!;
            var ns = kind.Namespaced ? (string?)metadata["namespace"] ?? "default" : null;
            return new(kind.Kind.Group, apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..], kind.Plural, ns, (string)metadata["name"]!);
        }
    }
}
