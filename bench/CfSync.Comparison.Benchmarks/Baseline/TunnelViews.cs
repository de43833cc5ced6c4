using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Comparison.Benchmarks.Workload;
using k8s;

namespace CfSync.Comparison.Benchmarks.Baseline;

/// <summary>
/// The tunnels a rule controller writes to, each read from its ClusterTunnel once and kept (the seed's cache, never
/// refreshed: the stale view the race exposes), found by name, through a class config's tunnelRef, or under the key of
/// what leads to them.
/// </summary>
internal sealed class TunnelViews(IKubernetes kubernetes)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TunnelView?>>> byKey = new(StringComparer.Ordinal);

    /// <summary>The ClusterTunnel <paramref name="name"/>'s view, or null when it has no tunnel id yet.</summary>
    public Task<TunnelView?> OfClusterTunnelAsync(string name, CancellationToken cancellationToken) =>
        Cached($"ClusterTunnel/{name}", async () => TunnelView.Of(Node(await kubernetes.CustomObjects.GetClusterCustomObjectAsync(
            TunnelManifests.Group, TunnelManifests.Version, TunnelManifests.ClusterTunnels, name, cancellationToken).ConfigureAwait(false))));

    /// <summary>The tunnel a TunnelIngressClassConfig or TunnelGatewayClassConfig names (a ClusterTunnel only), or null.</summary>
    public Task<TunnelView?> OfClassConfigAsync(string plural, string objectNamespace, string name, CancellationToken cancellationToken) =>
        Cached($"{plural}/{objectNamespace}/{name}", async () =>
        {
            var config = Node(await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync(
                TunnelManifests.Group, TunnelManifests.Version, objectNamespace, plural, name, cancellationToken).ConfigureAwait(false));
            return (string?)config["spec"]?["tunnelRef"]?["kind"] == "ClusterTunnel" && (string?)config["spec"]?["tunnelRef"]?["name"] is { } tunnel
                ? await OfClusterTunnelAsync(tunnel, cancellationToken).ConfigureAwait(false)
                : null;
        });

    public static JsonNode Node(object customObject) =>
        JsonSerializer.SerializeToNode(customObject) ?? throw new InvalidOperationException("The API server returned an empty object.");

    /// <summary>The view kept under <paramref name="key"/> (an IngressClass, a Gateway...), read by <paramref name="read"/> the first time.</summary>
    public Task<TunnelView?> Cached(string key, Func<Task<TunnelView?>> read) =>
        byKey.GetOrAdd(key, _ => new Lazy<Task<TunnelView?>>(read)).Value;
}
