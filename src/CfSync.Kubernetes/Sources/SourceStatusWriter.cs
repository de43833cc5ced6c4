using System.Net;
using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Resources;
using CfSync.Kubernetes.Watchers;
using CfSync.Watchers.Cluster;
using CfSync.Watchers.Watching;
using CfSync.Sync.Entities;
using CfSync.Sync.Status;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace CfSync.Kubernetes.Sources;

/// <summary>
/// Shows each source object its outcome: a <c>CloudflareSynced</c> condition on the kinds that have conditions (a type
/// of our own, so the operator's Ready is never overwritten), a Warning Event when the source is Rejected or in
/// Conflict, a Normal Event when the sync applied it (see <see cref="SourceEvents"/> for how repeats are counted), and on
/// an Ingress, once the tunnel configuration carrying it was applied,
/// <c>status.loadBalancer.ingress[].hostname = &lt;tunnel id&gt;.cfargotunnel.com</c>. A deleted object whose deletion
/// waits for Cloudflare (a DNSRecord, an Access app, a route, a Gateway rule) loses CfSync's finalizer once the sync
/// deleted its Cloudflare object, so Kubernetes can let it go. Each of these is its own write
/// (<see cref="StatusWrites"/>): a source deleted meanwhile, or a kind whose status CfSync may not update, is skipped
/// without holding up the others.
/// </summary>
public sealed class SourceStatusWriter(IKubernetes kubernetes, TimeProvider time)
{
    public const string ConditionType = "CloudflareSynced";

    // Normal events for every source of a 10,000-rule tunnel on every sync would flood the cluster.
    private const int MaxNormalEvents = 50;

    private readonly SourceEvents _events = new(kubernetes, time);
    private readonly KubernetesClusterReader _reader = new(kubernetes);
    private readonly SourceFinalizer _finalizer = new(new KubernetesClusterReader(kubernetes));

    internal async Task MirrorAsync(SyncStatusReport report, StatusWrites writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var released in report.Released)
        {
            if (SourceKinds.Find(released.Kind) is { Description.DeletionWaitsForCloudflare: true } releasedKind)
            {
                await writes.RunAsync(released.Key, "finalizer", ct => ReleaseAsync(releasedKind, released, ct), cancellationToken).ConfigureAwait(false);
            }
        }

        var announceSynced = report.Status == SyncStatus.Synced && report.LastSyncTime is not null && report.Sources.Count <= MaxNormalEvents;
        foreach (var outcome in report.Sources)
        {
            if (SourceKinds.Find(outcome.Source.Kind) is not { } kind)
            {
                continue;
            }

            if (await WriteObjectStatusAsync(kind, outcome, report, writes, cancellationToken).ConfigureAwait(false) is { StatusCode: 404 })
            {
                // The object was deleted after the sync started: no Event about it; its removal reaches the entity on its own.
                continue;
            }

            foreach (var (type, reason, message) in EventsAbout(outcome, report, announceSynced))
            {
                await writes.RunAsync(outcome.Source.Key, "event", ct => _events.RecordAsync(kind, outcome.Source, type, reason, message, ct), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ReleaseAsync(SourceKind kind, CfSync.Core.Sources.Source source, CancellationToken cancellationToken)
    {
        if (await _reader.GetAsync(kind.Description, source.Namespace, source.Name, cancellationToken).ConfigureAwait(false) is { } obj
            && ObjectFields.IsDeleting(obj) && SourceFinalizer.IsOn(obj))
        {
            await _finalizer.RemoveAsync(kind.Description, obj, cancellationToken).ConfigureAwait(false);
        }
    }

    // A problem is a Warning; so is a change made outside CfSync that a drift check found; a clean apply is Normal.
    private static IEnumerable<(string Type, string Reason, string Message)> EventsAbout(SourceOutcome outcome, SyncStatusReport report, bool announceSynced)
    {
        if (outcome.Status != SourceStatus.Accepted)
        {
            yield return ("Warning", outcome.Status.ToString(), ApiText.Join(outcome.Reasons));
        }
        else if (announceSynced)
        {
            yield return ("Normal", "Synced", $"Applied to Cloudflare {report.Resource} ({report.ConfigHash})");
        }

        if (report.Drift is { } drift)
        {
            yield return ("Warning", report.DriftRepaired ? "DriftRepaired" : "DriftReported", $"Cloudflare {report.Resource} was changed outside CfSync: {drift}");
        }
    }

    // The source object's own status: our condition, or on an applied Ingress its load-balancer hostname.
    private Task<ApiFailure?> WriteObjectStatusAsync(SourceKind kind, SourceOutcome outcome, SyncStatusReport report, StatusWrites writes, CancellationToken cancellationToken)
    {
        if (kind.TakesCondition)
        {
            return writes.RunAsync(outcome.Source.Key, "condition", ct => SetConditionAsync(kind, outcome, report, ct), cancellationToken);
        }

        var appliedIngress = kind.Kind == "Ingress" && report.Status == SyncStatus.Synced && outcome.Status == SourceStatus.Accepted
            && report.Resource.ResourceType == ResourceType.TunnelConfiguration;
        return appliedIngress
            ? writes.RunAsync(outcome.Source.Key, "load balancer hostname", ct => PublishIngressHostnameAsync(outcome, report.Resource.CloudflareId, ct), cancellationToken)
            : Task.FromResult<ApiFailure?>(null);
    }

    private async Task SetConditionAsync(SourceKind kind, SourceOutcome outcome, SyncStatusReport report, CancellationToken cancellationToken)
    {
        var (status, reason, message) = outcome.Status switch
        {
            SourceStatus.Rejected => ("False", "Invalid", ApiText.Join(outcome.Reasons)),
            SourceStatus.Conflict => ("False", "Conflict", ApiText.Join(outcome.Reasons)),
            _ when report.Status == SyncStatus.Synced => ("True", "Synced", $"In {report.Resource}, applied to Cloudflare"),
            _ when report.Status == SyncStatus.Failed => ("False", "Failed", ApiText.Bounded(report.Error ?? "the sync failed")),
            _ => ("False", "Pending", "Waiting for the next sync"),
        };

        for (var attempt = 1; ; attempt++)
        {
            var current = ApiJson.Object(kind.Namespaced
                ? await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync(kind.Group, kind.Version, outcome.Source.Namespace, kind.Plural, outcome.Source.Name, cancellationToken).ConfigureAwait(false)
                : await kubernetes.CustomObjects.GetClusterCustomObjectAsync(kind.Group, kind.Version, kind.Plural, outcome.Source.Name, cancellationToken).ConfigureAwait(false));
            var statusNode = current["status"] as JsonObject ?? [];
            var conditions = statusNode["conditions"] as JsonArray ?? [];
            var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == ConditionType);
            if (existing is not null && (string?)existing["status"] == status && (string?)existing["reason"] == reason && (string?)existing["message"] == message)
            {
                return;
            }

            var transition = existing is not null && (string?)existing["status"] == status
                ? existing["lastTransitionTime"]?.DeepClone()
                : ApiJson.Time(time.GetUtcNow());
            var condition = new JsonObject
            {
                ["type"] = ConditionType,
                ["status"] = status,
                ["reason"] = reason,
                ["message"] = message,
                ["lastTransitionTime"] = transition,
                ["observedGeneration"] = current["metadata"]?["generation"]?.DeepClone(),
            };
            if (existing is not null)
            {
                conditions.Remove(existing);
            }

            conditions.Add(condition);
            statusNode["conditions"] = conditions.DeepClone();
            current["status"] = statusNode.DeepClone();
            try
            {
                _ = kind.Namespaced
                    ? await kubernetes.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(current, kind.Group, kind.Version, outcome.Source.Namespace, kind.Plural, outcome.Source.Name, cancellationToken: cancellationToken).ConfigureAwait(false)
                    : await kubernetes.CustomObjects.ReplaceClusterCustomObjectStatusAsync(current, kind.Group, kind.Version, kind.Plural, outcome.Source.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpOperationException conflict) when (conflict.Response.StatusCode == HttpStatusCode.Conflict && attempt < 5)
            {
                // The object changed under us: read again.
            }
        }
    }

    private async Task PublishIngressHostnameAsync(SourceOutcome outcome, string tunnelId, CancellationToken cancellationToken)
    {
        var hostname = $"{tunnelId}.cfargotunnel.com";
        var ingress = await kubernetes.NetworkingV1.ReadNamespacedIngressStatusAsync(outcome.Source.Name, outcome.Source.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (ingress.Status?.LoadBalancer?.Ingress is [{ Hostname: var current }] && current == hostname)
        {
            return;
        }

        var patch = new JsonObject
        {
            ["status"] = new JsonObject { ["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["hostname"] = hostname }) } },
        };
        await kubernetes.NetworkingV1.PatchNamespacedIngressStatusAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), outcome.Source.Name, outcome.Source.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
