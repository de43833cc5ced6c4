using System.Globalization;
using System.Text.Json.Nodes;
using CfSync.Comparison.Benchmarks.Workload;
using k8s;

namespace CfSync.Comparison.Benchmarks.Baseline;

/// <summary>The custom rule sources the seed's controllers follow, as the seed maps them (a direct mapping, not CfSync.Translation).</summary>
internal static class CustomRuleKinds
{
    /// <summary>
    /// HTTPRoute: a rule per hostname (to its first backend) in the tunnel its Gateway's class names. Only the first
    /// parent is followed, in the route's namespace unless the reference names another.
    /// </summary>
    public static readonly CustomRuleKind HttpRoute = new(
        "HTTPRoute", TunnelManifests.GatewayGroup, TunnelManifests.GatewayVersion, TunnelManifests.HttpRoutes, RouteTunnelAsync, RouteRules);

    /// <summary>TunnelBinding: a rule per subject (its fqdn to its target) in the ClusterTunnel its tunnelRef names.</summary>
    public static readonly CustomRuleKind TunnelBinding = new(
        "TunnelBinding", TunnelManifests.Group, TunnelManifests.TunnelBindingVersion, TunnelManifests.TunnelBindings, BindingTunnelAsync, BindingRules);

    private static Task<TunnelView?> RouteTunnelAsync(IKubernetes kubernetes, TunnelViews tunnels, JsonNode route, CancellationToken cancellationToken)
    {
        var parent = route["spec"]?["parentRefs"]?[0];
        return (string?)parent?["name"] is { } gateway
            ? GatewayTunnelAsync(kubernetes, tunnels, (string?)parent["namespace"] ?? Namespace(route), gateway, cancellationToken)
            : Task.FromResult<TunnelView?>(null);
    }

    /// <summary>Gateway -> GatewayClass -> TunnelGatewayClassConfig -> ClusterTunnel, read once per Gateway and kept.</summary>
    private static Task<TunnelView?> GatewayTunnelAsync(IKubernetes kubernetes, TunnelViews tunnels, string ns, string gateway, CancellationToken cancellationToken) =>
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

    private static IReadOnlyList<JsonObject> RouteRules(JsonNode route)
    {
        var backend = route["spec"]?["rules"]?[0]?["backendRefs"]?[0];
        var service = string.Create(CultureInfo.InvariantCulture, $"http://{(string?)backend?["name"]}.{Namespace(route)}.svc.cluster.local:{(int?)backend?["port"] ?? 80}");
        return [.. (route["spec"]?["hostnames"]?.AsArray() ?? []).Select(h => new JsonObject { ["hostname"] = (string?)h, ["service"] = service })];
    }

    private static Task<TunnelView?> BindingTunnelAsync(IKubernetes kubernetes, TunnelViews tunnels, JsonNode binding, CancellationToken cancellationToken) =>
        binding["tunnelRef"] is { } reference && (string?)reference["kind"] == "ClusterTunnel" && (string?)reference["name"] is { } name
            ? tunnels.OfClusterTunnelAsync(name, cancellationToken)
            : Task.FromResult<TunnelView?>(null);

    private static IReadOnlyList<JsonObject> BindingRules(JsonNode binding) =>
        [.. (binding["subjects"]?.AsArray() ?? [])
            .Where(s => (string?)s?["spec"]?["fqdn"] is not null)
            .Select(s => new JsonObject { ["hostname"] = (string?)s!["spec"]!["fqdn"], ["service"] = (string?)s["spec"]!["target"] })];

    private static string Namespace(JsonNode item) => (string?)item["metadata"]?["namespace"] ?? "default";
}
