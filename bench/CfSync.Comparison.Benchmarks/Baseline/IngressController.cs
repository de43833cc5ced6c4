using System.Globalization;
using System.Text.Json.Nodes;
using CfSync.Comparison.Benchmarks.Workload;
using k8s;
using k8s.Models;

namespace CfSync.Comparison.Benchmarks.Baseline;

/// <summary>
/// The seed's Ingress controller: per Ingress event, the rules of its hostnames written into the tunnel its
/// IngressClass names (<see cref="RuleWriter"/>), with the tunnel settings this controller read when it started.
/// Rules are a direct mapping (host, service URL), not CfSync.Translation: the race is judged by hostname and settings.
/// </summary>
internal sealed class IngressController(IKubernetes kubernetes, TunnelConfigurationApi cloudflare, ReconcileQueue queue)
{
    private readonly TunnelViews tunnels = new(kubernetes);
    private readonly RuleWriter writer = new(cloudflare);

    /// <summary>Reads every IngressClass's tunnel (its cached view), then watches Ingresses in every namespace.</summary>
    public async Task<Task> StartAsync(CancellationToken stopping)
    {
        var classes = await kubernetes.NetworkingV1.ListIngressClassAsync(cancellationToken: stopping).ConfigureAwait(false);
        foreach (var ingressClass in classes.Items)
        {
            await TunnelOf(ingressClass.Metadata.Name, stopping).ConfigureAwait(false);
        }

        return ObjectWatch.RunAsync<V1Ingress>(
            (version, onError, token) => kubernetes.NetworkingV1.WatchListIngressForAllNamespacesAsync(resourceVersion: version, onError: onError, cancellationToken: token),
            ingress => ingress.Metadata.ResourceVersion,
            (type, ingress) => queue.Enqueue(token => ReconcileAsync(ingress, type == WatchEventType.Deleted, token)),
            stopping);
    }

    private async Task<TimeSpan?> ReconcileAsync(V1Ingress ingress, bool deleted, CancellationToken cancellationToken)
    {
        if (ingress.Spec?.IngressClassName is not { } className || await TunnelOf(className, cancellationToken).ConfigureAwait(false) is not { } tunnel)
        {
            return null;
        }

        var rules = deleted ? [] : (ingress.Spec.Rules ?? []).Where(r => r.Host is not null).Select(r => Rule(ingress.Metadata.NamespaceProperty, r)).ToList();
        return await writer.WriteAsync(tunnel, $"Ingress/{ingress.Metadata.NamespaceProperty}/{ingress.Metadata.Name}", rules, cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject Rule(string objectNamespace, V1IngressRule rule)
    {
        var backend = rule.Http?.Paths?.FirstOrDefault()?.Backend?.Service;
        return new JsonObject
        {
            ["hostname"] = rule.Host,
            ["service"] = string.Create(CultureInfo.InvariantCulture, $"http://{backend?.Name}.{objectNamespace}.svc.cluster.local:{backend?.Port?.Number ?? 80}"),
        };
    }

    /// <summary>IngressClass -> TunnelIngressClassConfig -> ClusterTunnel, read once per class and kept.</summary>
    private Task<TunnelView?> TunnelOf(string className, CancellationToken cancellationToken) =>
        tunnels.Cached($"IngressClass/{className}", async () =>
        {
            var ingressClass = await kubernetes.NetworkingV1.ReadIngressClassAsync(className, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ingressClass.Spec?.Parameters is { Kind: "TunnelIngressClassConfig", NamespaceProperty: { } ns } parameters
                ? await tunnels.OfClassConfigAsync(TunnelManifests.ClassConfigs, ns, parameters.Name, cancellationToken).ConfigureAwait(false)
                : null;
        });
}
