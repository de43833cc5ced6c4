using System.Net;
using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Resources;
using CfSync.Sync.Entities;
using CfSync.Sync.Status;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace CfSync.Kubernetes.Sources;

/// <summary>
/// Shows each source object its outcome: a <c>CloudflareSynced</c> condition on the kinds that have conditions (a type
/// of our own, so the operator's Ready is never overwritten), a Warning Event when the source is Rejected or in
/// Conflict, a Normal Event when the sync applied it, and on an Ingress, once the tunnel configuration carrying it was
/// applied, <c>status.loadBalancer.ingress[].hostname = &lt;tunnel id&gt;.cfargotunnel.com</c>. A source deleted meanwhile is skipped.
/// </summary>
public sealed class SourceStatusWriter(IKubernetes kubernetes, TimeProvider time)
{
    public const string ConditionType = "CloudflareSynced";

    // Normal events for every source of a 10,000-rule tunnel on every sync would flood the cluster.
    private const int MaxNormalEvents = 50;

    public async Task MirrorAsync(SyncStatusReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var synced = report.Status == SyncStatus.Synced;
        var announceSynced = synced && report.LastSyncTime is not null && report.Sources.Count <= MaxNormalEvents;
        foreach (var outcome in report.Sources)
        {
            if (SourceKinds.Find(outcome.Source.Kind) is not { } kind)
            {
                continue;
            }

            try
            {
                if (kind.TakesCondition)
                {
                    await SetConditionAsync(kind, outcome, report, cancellationToken).ConfigureAwait(false);
                }

                if (kind.Kind == "Ingress" && synced && outcome.Status == SourceStatus.Accepted && report.Resource.ResourceType == ResourceType.TunnelConfiguration)
                {
                    await PublishIngressHostnameAsync(outcome, report.Resource.CloudflareId, cancellationToken).ConfigureAwait(false);
                }

                if (outcome.Status != SourceStatus.Accepted)
                {
                    await EventAsync(kind, outcome, "Warning", outcome.Status.ToString(), string.Join("; ", outcome.Reasons), cancellationToken).ConfigureAwait(false);
                }
                else if (announceSynced)
                {
                    await EventAsync(kind, outcome, "Normal", "Synced", $"Applied to Cloudflare {report.Resource} ({report.ConfigHash})", cancellationToken).ConfigureAwait(false);
                }
            }
            catch (HttpOperationException gone) when (gone.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // The object was deleted after the sync started: its removal reaches the entity on its own.
            }
        }
    }

    private async Task SetConditionAsync(SourceKind kind, SourceOutcome outcome, SyncStatusReport report, CancellationToken cancellationToken)
    {
        var (status, reason, message) = outcome.Status switch
        {
            SourceStatus.Rejected => ("False", "Invalid", string.Join("; ", outcome.Reasons)),
            SourceStatus.Conflict => ("False", "Conflict", string.Join("; ", outcome.Reasons)),
            _ when report.Status == SyncStatus.Synced => ("True", "Synced", $"In {report.Resource}, applied to Cloudflare"),
            _ when report.Status == SyncStatus.Failed => ("False", "Failed", report.Error ?? "the sync failed"),
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

    private async Task EventAsync(SourceKind kind, SourceOutcome outcome, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var eventNamespace = outcome.Source.Namespace ?? "default";
        await kubernetes.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { GenerateName = $"{outcome.Source.Name}.", NamespaceProperty = eventNamespace },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = kind.ApiVersion,
                Kind = kind.Kind,
                Name = outcome.Source.Name,
                NamespaceProperty = outcome.Source.Namespace,
            },
            Type = type,
            Reason = reason,
            Message = message.Length > 1024 ? message[..1024] : message,
            Source = new V1EventSource { Component = "cfsync" },
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        }, eventNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
