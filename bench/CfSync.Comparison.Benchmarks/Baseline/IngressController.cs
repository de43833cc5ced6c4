using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Comparison.Benchmarks.Workload;
using k8s;
using k8s.Models;

namespace CfSync.Comparison.Benchmarks.Baseline;

/// <summary>
/// The seed's Ingress controller: per Ingress event, GET the tunnel's configuration, replace the rules of the Ingress's
/// hostnames, PUT it back with the tunnel settings this controller read when it started (its cache, never refreshed).
/// Rules are a direct mapping (host, service URL), not CfSync.Translation: the race is judged by hostname and settings.
/// </summary>
internal sealed class IngressController(IKubernetes kubernetes, TunnelConfigurationApi cloudflare, ReconcileQueue queue)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TunnelView?>>> tunnels = new(StringComparer.Ordinal);

    // The hostnames each Ingress last had, so a changed host's old rule goes too (the seed kept them in status).
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> written = new(StringComparer.Ordinal);

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

        var hosts = (ingress.Spec.Rules ?? []).Where(r => r.Host is not null).ToList();
        var (config, retryAfter) = await cloudflare.GetAsync(tunnel, cancellationToken).ConfigureAwait(false);
        if (config is null)
        {
            return retryAfter;
        }

        var key = $"{ingress.Metadata.NamespaceProperty}/{ingress.Metadata.Name}";
        var owned = hosts.Select(r => r.Host).Concat(written.GetValueOrDefault(key) ?? []).ToHashSet(StringComparer.Ordinal);
        var rules = deleted ? [] : hosts.Select(r => Rule(ingress.Metadata.NamespaceProperty, r));
        var retry = await cloudflare.PutAsync(tunnel, tunnel.Apply(config, owned, rules), cancellationToken).ConfigureAwait(false);
        if (retry is null)
        {
            written[key] = deleted ? [] : [.. hosts.Select(r => r.Host)];
        }

        return retry;
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
        tunnels.GetOrAdd(className, name => new Lazy<Task<TunnelView?>>(() => ReadTunnelAsync(name, cancellationToken))).Value;

    private async Task<TunnelView?> ReadTunnelAsync(string className, CancellationToken cancellationToken)
    {
        var ingressClass = await kubernetes.NetworkingV1.ReadIngressClassAsync(className, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (ingressClass.Spec?.Parameters is not { Kind: "TunnelIngressClassConfig" } parameters)
        {
            return null;
        }

        var config = Node(await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync(
            TunnelManifests.Group, TunnelManifests.Version, parameters.NamespaceProperty, TunnelManifests.ClassConfigs, parameters.Name, cancellationToken).ConfigureAwait(false));
        var tunnelName = (string?)config["spec"]?["tunnelRef"]?["name"];
        if ((string?)config["spec"]?["tunnelRef"]?["kind"] != "ClusterTunnel" || tunnelName is null)
        {
            return null;
        }

        return TunnelView.Of(Node(await kubernetes.CustomObjects.GetClusterCustomObjectAsync(
            TunnelManifests.Group, TunnelManifests.Version, TunnelManifests.ClusterTunnels, tunnelName, cancellationToken).ConfigureAwait(false)));
    }

    private static JsonNode Node(object customObject) =>
        JsonSerializer.SerializeToNode(customObject) ?? throw new InvalidOperationException("The API server returned an empty object.");
}
