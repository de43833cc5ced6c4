using System.Net;
using System.Text.Json.Nodes;
using CfSync.Sync.Status;
using k8s;
using k8s.Autorest;

namespace CfSync.Kubernetes.SyncStates;

/// <summary>
/// Upserts the CloudflareSyncState of a resource: spec through the object, status through the status subresource,
/// each with optimistic concurrency (a 409 re-reads and tries again). Reports of one resource arrive in order: its
/// entity runs one sync at a time and a sync mirrors before it reports back, so a newer status is never overwritten by
/// an older one. When no source is left, the object is deleted.
/// </summary>
public sealed class SyncStateWriter(IKubernetes kubernetes, TimeProvider time)
{
    private const int MaxAttempts = 8;

    public async Task MirrorAsync(SyncStatusReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var name = SyncStateNames.For(report.Resource);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(name, report, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpOperationException conflict) when (conflict.Response.StatusCode is HttpStatusCode.Conflict && attempt < MaxAttempts)
            {
                // Someone wrote in between: read again and re-apply.
            }
        }
    }

    private async Task WriteAsync(string name, SyncStatusReport report, CancellationToken cancellationToken)
    {
        var current = await GetAsync(name, cancellationToken).ConfigureAwait(false);
        if (report.Sources.Count == 0)
        {
            if (current is not null)
            {
                await kubernetes.CustomObjects.DeleteClusterCustomObjectAsync(SyncStateNames.Group, SyncStateNames.Version, SyncStateNames.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var spec = SyncStateDocument.Spec(report);
        if (current is null)
        {
            current = ApiJson.Object(await kubernetes.CustomObjects.CreateClusterCustomObjectAsync(
                new JsonObject
                {
                    ["apiVersion"] = $"{SyncStateNames.Group}/{SyncStateNames.Version}",
                    ["kind"] = "CloudflareSyncState",
                    ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["cloudflare-operator.io/resource-type"] = report.Resource.ResourceType.ToString() } },
                    ["spec"] = spec,
                },
                SyncStateNames.Group, SyncStateNames.Version, SyncStateNames.Plural, cancellationToken: cancellationToken).ConfigureAwait(false));
        }
        else if (!JsonNode.DeepEquals(current["spec"], spec))
        {
            current["spec"] = spec;
            current = ApiJson.Object(await kubernetes.CustomObjects.ReplaceClusterCustomObjectAsync(
                current, SyncStateNames.Group, SyncStateNames.Version, SyncStateNames.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false));
        }

        var status = SyncStateDocument.Status(report, time.GetUtcNow());
        status["observedGeneration"] = current["metadata"]?["generation"]?.DeepClone();
        current["status"] = status;
        await kubernetes.CustomObjects.ReplaceClusterCustomObjectStatusAsync(
            current, SyncStateNames.Group, SyncStateNames.Version, SyncStateNames.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonObject?> GetAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return ApiJson.Object(await kubernetes.CustomObjects.GetClusterCustomObjectAsync(SyncStateNames.Group, SyncStateNames.Version, SyncStateNames.Plural, name, cancellationToken).ConfigureAwait(false));
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode is HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
