using System.Globalization;
using System.Text.Json.Nodes;
using CfSync.Comparison.Benchmarks.Workload;
using k8s;

namespace CfSync.Comparison.Benchmarks.Baseline;

/// <summary>
/// The seed's Gateway API controller: per HTTPRoute event, a rule per hostname (to its first backend) written into
/// the tunnel its Gateway's class names (<see cref="RuleWriter"/>), with the settings read the first time it met that
/// Gateway. Only the first parent is followed, in the route's namespace unless the reference names another.
/// </summary>
internal sealed class HttpRouteController(IKubernetes kubernetes, TunnelConfigurationApi cloudflare, ReconcileQueue queue)
{
    private readonly TunnelViews tunnels = new(kubernetes);
    private readonly RuleWriter writer = new(cloudflare);

    public Task StartAsync(CancellationToken stopping) =>
        ObjectWatch.RunCustomAsync(kubernetes, TunnelManifests.GatewayGroup, TunnelManifests.GatewayVersion, TunnelManifests.HttpRoutes,
            (type, route) => queue.Enqueue(token => ReconcileAsync(route, type == WatchEventType.Deleted, token)), stopping);

    private async Task<TimeSpan?> ReconcileAsync(JsonNode route, bool deleted, CancellationToken cancellationToken)
    {
        var ns = (string?)route["metadata"]?["namespace"] ?? "default";
        var parent = route["spec"]?["parentRefs"]?[0];
        if ((string?)parent?["name"] is not { } gateway || await TunnelOf((string?)parent["namespace"] ?? ns, gateway, cancellationToken).ConfigureAwait(false) is not { } tunnel)
        {
            return null;
        }

        var backend = route["spec"]?["rules"]?[0]?["backendRefs"]?[0];
        var service = string.Create(CultureInfo.InvariantCulture, $"http://{(string?)backend?["name"]}.{ns}.svc.cluster.local:{(int?)backend?["port"] ?? 80}");
        var rules = deleted ? [] : (route["spec"]?["hostnames"]?.AsArray() ?? []).Select(h => new JsonObject { ["hostname"] = (string?)h, ["service"] = service }).ToList();
        return await writer.WriteAsync(tunnel, $"HTTPRoute/{ns}/{(string?)route["metadata"]?["name"]}", rules, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gateway -> GatewayClass -> TunnelGatewayClassConfig -> ClusterTunnel, read once per Gateway and kept.</summary>
    private Task<TunnelView?> TunnelOf(string ns, string gateway, CancellationToken cancellationToken) =>
        tunnels.Cached($"Gateway/{ns}/{gateway}", async () =>
        {
            var found = TunnelViews.Node(await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync(
                TunnelManifests.GatewayGroup, TunnelManifests.GatewayVersion, ns, TunnelManifests.Gateways, gateway, cancellationToken).ConfigureAwait(false));
            if ((string?)found["spec"]?["gatewayClassName"] is not { } className)
            {
                return null;
            }

            var gatewayClass = TunnelViews.Node(await kubernetes.CustomObjects.GetClusterCustomObjectAsync(
                TunnelManifests.GatewayGroup, TunnelManifests.GatewayVersion, TunnelManifests.GatewayClasses, className, cancellationToken).ConfigureAwait(false));
            var parameters = gatewayClass["spec"]?["parametersRef"];
            return (string?)parameters?["kind"] == "TunnelGatewayClassConfig" && (string?)parameters["name"] is { } config && (string?)parameters["namespace"] is { } configNamespace
                ? await tunnels.OfClassConfigAsync(TunnelManifests.GatewayClassConfigs, configNamespace, config, cancellationToken).ConfigureAwait(false)
                : null;
        });
}
