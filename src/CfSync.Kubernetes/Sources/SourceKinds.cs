namespace CfSync.Kubernetes.Sources;

/// <summary>Where a source kind lives in the Kubernetes API, and whether CfSync writes a condition into its status.</summary>
public sealed record SourceKind(string Kind, string Group, string Version, string Plural, bool Namespaced, bool TakesCondition)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
}

/// <summary>The kinds that contribute fragments.</summary>
public static class SourceKinds
{
    private const string Operator = "networking.cloudflare-operator.io";

    private static readonly SourceKind[] All =
    [
        new("Ingress", "networking.k8s.io", "v1", "ingresses", Namespaced: true, TakesCondition: false),
        new("HTTPRoute", "gateway.networking.k8s.io", "v1", "httproutes", Namespaced: true, TakesCondition: false),
        new("TunnelBinding", Operator, "v1alpha1", "tunnelbindings", Namespaced: true, TakesCondition: true),
        new("Tunnel", Operator, "v1alpha2", "tunnels", Namespaced: true, TakesCondition: true),
        new("ClusterTunnel", Operator, "v1alpha2", "clustertunnels", Namespaced: false, TakesCondition: true),
        new("DNSRecord", Operator, "v1alpha2", "dnsrecords", Namespaced: true, TakesCondition: true),
        new("AccessApplication", Operator, "v1alpha2", "accessapplications", Namespaced: false, TakesCondition: true),
        new("NetworkRoute", Operator, "v1alpha2", "networkroutes", Namespaced: false, TakesCondition: true),
        new("GatewayRule", Operator, "v1alpha2", "gatewayrules", Namespaced: false, TakesCondition: true),
    ];

    public static SourceKind? Find(string kind) => All.FirstOrDefault(k => k.Kind == kind);
}
