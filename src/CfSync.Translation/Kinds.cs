using CfSync.Core.Sources;

namespace CfSync.Translation;

/// <summary>A Kubernetes kind within its API group ("" for the core group), independent of version.</summary>
public sealed record GroupKind(string Group, string Kind)
{
    /// <summary>The group of an <c>apiVersion</c> such as <c>networking.k8s.io/v1</c> ("" for <c>v1</c>).</summary>
    public static string GroupOf(string apiVersion)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : apiVersion[..slash];
    }

    public override string ToString() => Group.Length == 0 ? Kind : $"{Kind}.{Group}";
}

/// <summary>The kinds CfSync reads, and which of them are namespaced.</summary>
public static class Kinds
{
    public const string OperatorGroup = "networking.cloudflare-operator.io";
    public const string GatewayApiGroup = "gateway.networking.k8s.io";
    public const string NetworkingGroup = "networking.k8s.io";

    public static GroupKind Service { get; } = new("", "Service");
    public static GroupKind Secret { get; } = new("", "Secret");
    public static GroupKind Ingress { get; } = new(NetworkingGroup, "Ingress");
    public static GroupKind IngressClass { get; } = new(NetworkingGroup, "IngressClass");
    public static GroupKind Gateway { get; } = new(GatewayApiGroup, "Gateway");
    public static GroupKind GatewayClass { get; } = new(GatewayApiGroup, "GatewayClass");
    public static GroupKind HttpRoute { get; } = new(GatewayApiGroup, "HTTPRoute");
    public static GroupKind Tunnel { get; } = new(OperatorGroup, "Tunnel");
    public static GroupKind ClusterTunnel { get; } = new(OperatorGroup, "ClusterTunnel");
    public static GroupKind TunnelBinding { get; } = new(OperatorGroup, "TunnelBinding");
    public static GroupKind TunnelIngressClassConfig { get; } = new(OperatorGroup, "TunnelIngressClassConfig");
    public static GroupKind TunnelGatewayClassConfig { get; } = new(OperatorGroup, "TunnelGatewayClassConfig");
    public static GroupKind VirtualNetwork { get; } = new(OperatorGroup, "VirtualNetwork");
    public static GroupKind DnsRecord { get; } = new(OperatorGroup, "DNSRecord");
    public static GroupKind AccessApplication { get; } = new(OperatorGroup, "AccessApplication");
    public static GroupKind NetworkRoute { get; } = new(OperatorGroup, "NetworkRoute");
    public static GroupKind GatewayRule { get; } = new(OperatorGroup, "GatewayRule");

    private static readonly HashSet<GroupKind> Namespaced =
    [
        Service, Secret, Ingress, Gateway, HttpRoute, Tunnel, TunnelBinding, TunnelIngressClassConfig,
        TunnelGatewayClassConfig, DnsRecord,
    ];

    private static readonly HashSet<GroupKind> Known =
    [
        .. Namespaced, IngressClass, GatewayClass, ClusterTunnel, VirtualNetwork, AccessApplication, NetworkRoute, GatewayRule,
    ];

    /// <summary>True for the kinds we know to be namespaced; unknown kinds are not assumed either way.</summary>
    public static bool IsNamespaced(GroupKind kind) => Namespaced.Contains(kind);

    /// <summary>
    /// Null when <paramref name="name"/> is a valid name for <paramref name="kind"/>, else the rule: Service names are
    /// DNS-1035 labels and those of the other kinds we know DNS-1123 subdomains, as the API server requires; any
    /// other kind's names are at least path segments of at most 253 characters.
    /// </summary>
    public static string? NameError(GroupKind kind, string name) =>
        kind == Service ? KubernetesNames.Dns1035LabelError(name)
        : Known.Contains(kind) ? KubernetesNames.SubdomainError(name)
        : KubernetesNames.PathSegmentError(name);
}
