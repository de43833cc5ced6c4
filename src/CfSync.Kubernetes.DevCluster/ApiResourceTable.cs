namespace CfSync.Kubernetes.DevCluster;

/// <summary>The resources the test server serves, looked up by group, version and plural.</summary>
public sealed class ApiResourceTable
{
    private const string CloudflareGroup = "networking.cloudflare-operator.io";

    private readonly Dictionary<(string Group, string Version, string Plural), ApiResource> _byPath = [];

    public ApiResourceTable(IEnumerable<ApiResource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        Resources = [.. resources];
        foreach (var resource in Resources)
        {
            foreach (var version in resource.Versions)
            {
                _byPath[(resource.Group, version, resource.Plural)] = resource;
            }
        }
    }

    /// <summary>
    /// Core, networking, Gateway API, coordination and events kinds the project touches, plus the
    /// cloudflare-operator CRDs with the scope and versions of the reference CRDs
    /// (tests/CfSync.Crds.Tests/reference-crd-facts.json).
    /// </summary>
    public static ApiResourceTable Default { get; } = new(
    [
        Core("namespaces", "Namespace", namespaced: false, status: true),
        Core("services", "Service", namespaced: true, status: true),
        Core("secrets", "Secret", namespaced: true, status: false),
        Core("configmaps", "ConfigMap", namespaced: true, status: false),
        Core("events", "Event", namespaced: true, status: false),
        Builtin("networking.k8s.io", "v1", "ingresses", "Ingress", namespaced: true, status: true),
        Builtin("networking.k8s.io", "v1", "ingressclasses", "IngressClass", namespaced: false, status: false),
        Builtin("gateway.networking.k8s.io", "v1", "gateways", "Gateway", namespaced: true, status: true),
        Builtin("gateway.networking.k8s.io", "v1", "gatewayclasses", "GatewayClass", namespaced: false, status: true),
        Builtin("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute", namespaced: true, status: true),
        Builtin("coordination.k8s.io", "v1", "leases", "Lease", namespaced: true, status: false),
        Builtin("events.k8s.io", "v1", "events", "Event", namespaced: true, status: false),
        Custom(["v1alpha1"], "tunnelbindings", "TunnelBinding", namespaced: true),
        Custom(["v1alpha1", "v1alpha2"], "tunnels", "Tunnel", namespaced: true),
        Custom(["v1alpha1", "v1alpha2"], "clustertunnels", "ClusterTunnel", namespaced: false),
        Custom(["v1alpha2"], "dnsrecords", "DNSRecord", namespaced: true),
        Custom(["v1alpha2"], "accessapplications", "AccessApplication", namespaced: false),
        Custom(["v1alpha2"], "networkroutes", "NetworkRoute", namespaced: false),
        Custom(["v1alpha2"], "gatewayrules", "GatewayRule", namespaced: false),
        Custom(["v1alpha2"], "virtualnetworks", "VirtualNetwork", namespaced: false),
        Custom(["v1alpha2"], "tunnelingressclassconfigs", "TunnelIngressClassConfig", namespaced: true),
        Custom(["v1alpha2"], "tunnelgatewayclassconfigs", "TunnelGatewayClassConfig", namespaced: true),
        Custom(["v1alpha2"], "cloudflaresyncstates", "CloudflareSyncState", namespaced: false),
    ]);

    /// <summary>The served resources; extend with <c>new ApiResourceTable([.. Default.Resources, extra])</c>.</summary>
    public IReadOnlyList<ApiResource> Resources { get; }

    public ApiResource? Find(string group, string version, string plural) =>
        _byPath.GetValueOrDefault((group, version, plural));

    private static ApiResource Core(string plural, string kind, bool namespaced, bool status) =>
        Builtin("", "v1", plural, kind, namespaced, status);

    private static ApiResource Builtin(string group, string version, string plural, string kind, bool namespaced, bool status) =>
        new(group, [version], plural, kind, namespaced, status, AllowUnconditionalUpdate: true);

    // Every reference CRD declares `subresources: status: {}`.
    private static ApiResource Custom(string[] versions, string plural, string kind, bool namespaced) =>
        new(CloudflareGroup, versions, plural, kind, namespaced, HasStatusSubresource: true, AllowUnconditionalUpdate: false);
}
