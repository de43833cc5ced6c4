using System.Net;
using System.Text.Json.Nodes;
using CfSync.Core.Resources;
using CfSync.Sync.Status;
using k8s;
using k8s.Autorest;

namespace CfSync.Kubernetes.SyncStates;

/// <summary>
/// Upserts the CloudflareSyncState of a resource (bounded by <see cref="SyncStateDocument"/>): spec through the object,
/// status through the status subresource, as two writes of their own (<see cref="StatusWrites"/>), so that a cluster
/// role missing <c>update</c> on one of them still gets the other. Each write uses optimistic concurrency (a 409 re-reads
/// and tries again). Reports of one resource arrive in order: its entity runs one sync at a time and a sync mirrors
/// before it reports back, so a newer status is never overwritten by an older one. When no source is left, the object
/// is deleted.
/// </summary>
public sealed class SyncStateWriter(IKubernetes kubernetes, TimeProvider time)
{
    private const int MaxAttempts = 8;

    internal async Task MirrorAsync(SyncStatusReport report, StatusWrites writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writes);
        var name = SyncStateNames.For(report.Resource);
        if (report.Sources.Count == 0)
        {
            await writes.RunAsync(name, "deletion", ct => DeleteAsync(name, ct), cancellationToken).ConfigureAwait(false);
            return;
        }

        // When the spec went through, a conflict on the status re-applies the spec too, so that spec and status
        // always come from the same report; when it was refused, the status alone is written over what is there.
        var spec = SyncStateDocument.Spec(report);
        JsonObject? current = null;
        Func<CancellationToken, Task<JsonObject>> reread = ct => GetRequiredAsync(name, ct);
        await writes.RunAsync(
            name,
            "spec",
            async ct =>
            {
                current = await WriteSpecAsync(name, report.Resource, spec, ct).ConfigureAwait(false);
                reread = again => WriteSpecAsync(name, report.Resource, spec, again);
            },
            cancellationToken).ConfigureAwait(false);
        var status = SyncStateDocument.Status(report, time.GetUtcNow());
        await writes.RunAsync(name, "status", ct => WriteStatusAsync(name, current, reread, status, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the object or replaces its spec when it changed; returns the object as stored.</summary>
    private async Task<JsonObject> WriteSpecAsync(string name, ResourceIdentity resource, JsonObject spec, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var current = await GetAsync(name, cancellationToken).ConfigureAwait(false);
                if (current is null)
                {
                    return ApiJson.Object(await kubernetes.CustomObjects.CreateClusterCustomObjectAsync(
                        new JsonObject
                        {
                            ["apiVersion"] = $"{SyncStateNames.Group}/{SyncStateNames.Version}",
                            ["kind"] = "CloudflareSyncState",
                            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["cloudflare-operator.io/resource-type"] = resource.ResourceType.ToString() } },
                            ["spec"] = spec.DeepClone(),
                        },
                        SyncStateNames.Group, SyncStateNames.Version, SyncStateNames.Plural, cancellationToken: cancellationToken).ConfigureAwait(false));
                }

                if (JsonNode.DeepEquals(current["spec"], spec))
                {
                    return current;
                }

                current["spec"] = spec.DeepClone();
                return ApiJson.Object(await kubernetes.CustomObjects.ReplaceClusterCustomObjectAsync(
                    current, SyncStateNames.Group, SyncStateNames.Version, SyncStateNames.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false));
            }
            catch (HttpOperationException conflict) when (conflict.Response.StatusCode is HttpStatusCode.Conflict && attempt < MaxAttempts)
            {
                // Someone wrote in between (or created it first): read again and re-apply.
            }
        }
    }

    /// <summary>Replaces the status, starting from <paramref name="current"/> when the spec write just returned it.</summary>
    private async Task WriteStatusAsync(string name, JsonObject? current, Func<CancellationToken, Task<JsonObject>> reread, JsonObject status, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            current ??= await reread(cancellationToken).ConfigureAwait(false);
            var next = (JsonObject)status.DeepClone();
            next["observedGeneration"] = current["metadata"]?["generation"]?.DeepClone();
            current["status"] = next;
            try
            {
                await kubernetes.CustomObjects.ReplaceClusterCustomObjectStatusAsync(
                    current, SyncStateNames.Group, SyncStateNames.Version, SyncStateNames.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpOperationException conflict) when (conflict.Response.StatusCode is HttpStatusCode.Conflict && attempt < MaxAttempts)
            {
                current = null;
            }
        }
    }

    private async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await kubernetes.CustomObjects.DeleteClusterCustomObjectAsync(SyncStateNames.Group, SyncStateNames.Version, SyncStateNames.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode is HttpStatusCode.NotFound)
        {
            // Already gone: nothing to delete.
        }
    }

    private async Task<JsonObject?> GetAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await GetRequiredAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode is HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<JsonObject> GetRequiredAsync(string name, CancellationToken cancellationToken) =>
        ApiJson.Object(await kubernetes.CustomObjects.GetClusterCustomObjectAsync(SyncStateNames.Group, SyncStateNames.Version, SyncStateNames.Plural, name, cancellationToken).ConfigureAwait(false));
}
