using System.Net;
using System.Text.Json.Nodes;
using CfSync.Translation;
using CfSync.Watchers.Cluster;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace CfSync.Kubernetes.Watchers;

/// <summary>
/// The watchers' reads and finalizer writes over KubernetesClient's generic (custom-objects) calls, which serve every
/// group: the core group under <c>/api/v1</c>, the others under <c>/apis/{group}/{version}</c>. Lists are paged
/// (<see cref="PageSize"/> objects a request); a kind the cluster does not serve (404: its CRD is not installed, such as
/// the original operator's TunnelBinding) has no objects.
/// </summary>
public sealed class KubernetesClusterReader(IKubernetes kubernetes) : IClusterReader
{
    /// <summary>Objects per list request, as kubectl pages (500).</summary>
    public const int PageSize = 500;

    public async Task<string> ReadRevisionAsync(CancellationToken cancellationToken)
    {
        // Any list's resourceVersion is the cluster's revision; one Service is the smallest list every cluster has.
        var list = ApiJson.Object(await kubernetes.CustomObjects.ListClusterCustomObjectAsync("", "v1", "services", limit: 1, cancellationToken: cancellationToken).ConfigureAwait(false));
        return (string?)list["metadata"]?["resourceVersion"] is { Length: > 0 } revision
            ? revision
            : throw new InvalidOperationException("The API server answered a list without metadata.resourceVersion.");
    }

    public async Task<IReadOnlyList<JsonObject>> ListAsync(KindDescription kind, string? objectNamespace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var items = new List<JsonObject>();
        string? next = null;
        do
        {
            JsonObject page;
            try
            {
                page = ApiJson.Object(objectNamespace is null
                    ? await kubernetes.CustomObjects.ListClusterCustomObjectAsync(kind.Kind.Group, kind.ReadVersion, kind.Plural, continueParameter: next, limit: PageSize, cancellationToken: cancellationToken).ConfigureAwait(false)
                    : await kubernetes.CustomObjects.ListNamespacedCustomObjectAsync(kind.Kind.Group, kind.ReadVersion, objectNamespace, kind.Plural, continueParameter: next, limit: PageSize, cancellationToken: cancellationToken).ConfigureAwait(false));
            }
            catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return [];
            }

            items.AddRange((page["items"] as JsonArray ?? []).OfType<JsonObject>().Select(item => Typed(kind, item.DeepClone().AsObject())));
            next = (string?)page["metadata"]?["continue"];
        }
        while (!string.IsNullOrEmpty(next));
        return items;
    }

    public async Task<JsonObject?> GetAsync(KindDescription kind, string? objectNamespace, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        try
        {
            return Typed(kind, ApiJson.Object(objectNamespace is null
                ? await kubernetes.CustomObjects.GetClusterCustomObjectAsync(kind.Kind.Group, kind.ReadVersion, kind.Plural, name, cancellationToken).ConfigureAwait(false)
                : await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync(kind.Kind.Group, kind.ReadVersion, objectNamespace, kind.Plural, name, cancellationToken).ConfigureAwait(false)));
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<FinalizerWrite> SetFinalizersAsync(
        KindDescription kind, string? objectNamespace, string name, string resourceVersion, IReadOnlyList<string> finalizers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(finalizers);

        // A merge patch replaces the whole list; the resourceVersion in it makes the API server refuse it (409) when the
        // object changed since it was read, so a finalizer added meanwhile is never dropped.
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = resourceVersion,
                ["finalizers"] = new JsonArray([.. finalizers.Select(f => JsonValue.Create(f))]),
            },
        };
        var body = new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch);
        try
        {
            _ = objectNamespace is null
                ? await kubernetes.CustomObjects.PatchClusterCustomObjectAsync(body, kind.Kind.Group, kind.ReadVersion, kind.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false)
                : await kubernetes.CustomObjects.PatchNamespacedCustomObjectAsync(body, kind.Kind.Group, kind.ReadVersion, objectNamespace, kind.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return FinalizerWrite.Written;
        }
        catch (HttpOperationException refused) when (refused.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            return refused.Response.StatusCode == HttpStatusCode.Conflict ? FinalizerWrite.Conflict : FinalizerWrite.Gone;
        }
    }

    // List items of built-in kinds carry no apiVersion or kind; the translators read both.
    private static JsonObject Typed(KindDescription kind, JsonObject obj)
    {
        obj["apiVersion"] = kind.ReadApiVersion;
        obj["kind"] = kind.Kind.Kind;
        return obj;
    }
}
