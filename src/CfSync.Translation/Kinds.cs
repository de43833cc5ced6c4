using CfSync.Core.Sources;
using CfSync.Translation.Translators;

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

/// <summary>
/// One kind CfSync reads: the API versions it understands, whether it is namespaced, and whether it contributes
/// fragments (it has a translator) or is only looked up by the kinds that do.
/// </summary>
public sealed record KindDescription(GroupKind Kind, IReadOnlyList<string> Versions, bool Namespaced)
{
    internal IKindTranslator? Translator { get; private init; }

    public bool ContributesFragments => Translator is not null;

    /// <summary>The resource name in API paths (<c>ingresses</c>, <c>gatewayclasses</c>, <c>dnsrecords</c>).</summary>
    public string Plural => Kind.Kind.ToLowerInvariant() + (Kind.Kind.EndsWith('s') ? "es" : "s");

    /// <summary>The version CfSync reads the kind in: the newest it understands.</summary>
    public string ReadVersion => Versions[^1];

    /// <summary><c>group/version</c> of <see cref="ReadVersion"/> (<c>v1</c> for the core group).</summary>
    public string ReadApiVersion => Kind.Group.Length == 0 ? ReadVersion : $"{Kind.Group}/{ReadVersion}";

    /// <summary>
    /// An object of this kind alone feeds one Cloudflare object (a DNS record, an Access app, a route, a Gateway rule):
    /// deleting it waits, CfSync's finalizer staying on, until that Cloudflare object is deleted too.
    /// </summary>
    public bool DeletionWaitsForCloudflare { get; private init; }

    internal KindDescription FeedingOneObject() => this with { DeletionWaitsForCloudflare = true };

    /// <summary>
    /// Its translation, or a lookup of it, reads the object's status (a tunnel's <c>status.tunnelId</c>, a virtual
    /// network's id), so a write of the status alone changes what CfSync makes of it. For every other kind, status is
    /// what the object reports, and CfSync's own status writes change nothing it reads.
    /// </summary>
    public bool StatusRead { get; private init; }

    internal KindDescription ReadingStatus() => this with { StatusRead = true };

    // A translated kind's versions and scope are the translator's own, so they are written once.
    internal static KindDescription Translated(GroupKind kind, IKindTranslator translator) =>
        new(kind, [.. translator.Versions], !translator.ClusterScoped) { Translator = translator };
}

/// <summary>
/// The kinds CfSync reads, described once (<see cref="All"/>): every other kind is not CfSync's, and render lists
/// it as ignored.
/// </summary>
public static class Kinds
{
    public const string OperatorGroup = "networking.cloudflare-operator.io";
    public const string GatewayApiGroup = "gateway.networking.k8s.io";
    public const string NetworkingGroup = "networking.k8s.io";

    public static GroupKind Service { get; } = new("", "Service");
    public static GroupKind Ingress { get; } = new(NetworkingGroup, "Ingress");
    public static GroupKind IngressClass { get; } = new(NetworkingGroup, "IngressClass");
    public static GroupKind Gateway { get; } = new(GatewayApiGroup, "Gateway");
    public static GroupKind GatewayClass { get; } = new(GatewayApiGroup, "GatewayClass");
    public static GroupKind HttpRoute { get; } = new(GatewayApiGroup, "HTTPRoute");
    public static GroupKind Tunnel { get; } = new(OperatorGroup, "Tunnel");
    public static GroupKind ClusterTunnel { get; } = new(OperatorGroup, "ClusterTunnel");
    public static GroupKind TunnelBinding { get; } = new(OperatorGroup, "TunnelBinding");

    /// <summary>The original operator's TunnelBinding (top-level subjects and tunnelRef), read exactly like ours.</summary>
    public static GroupKind OriginalTunnelBinding { get; } = new(TunnelBindingTranslator.OriginalOperatorGroup, "TunnelBinding");
    public static GroupKind TunnelIngressClassConfig { get; } = new(OperatorGroup, "TunnelIngressClassConfig");
    public static GroupKind TunnelGatewayClassConfig { get; } = new(OperatorGroup, "TunnelGatewayClassConfig");
    public static GroupKind VirtualNetwork { get; } = new(OperatorGroup, "VirtualNetwork");
    public static GroupKind DnsRecord { get; } = new(OperatorGroup, "DNSRecord");
    public static GroupKind AccessApplication { get; } = new(OperatorGroup, "AccessApplication");
    public static GroupKind NetworkRoute { get; } = new(OperatorGroup, "NetworkRoute");
    public static GroupKind GatewayRule { get; } = new(OperatorGroup, "GatewayRule");

    private static readonly KindDescription[] Described =
    [
        KindDescription.Translated(Tunnel, new TunnelTranslator<Models.Tunnel>()).ReadingStatus(),
        KindDescription.Translated(ClusterTunnel, new TunnelTranslator<Models.ClusterTunnel>()).ReadingStatus(),
        KindDescription.Translated(Ingress, new IngressTranslator()),
        KindDescription.Translated(HttpRoute, new HttpRouteTranslator()),
        KindDescription.Translated(TunnelBinding, new TunnelBindingTranslator()),
        KindDescription.Translated(OriginalTunnelBinding, new TunnelBindingTranslator()),
        KindDescription.Translated(DnsRecord, new DnsRecordTranslator()).FeedingOneObject(),
        KindDescription.Translated(AccessApplication, new AccessApplicationTranslator()).FeedingOneObject(),
        KindDescription.Translated(NetworkRoute, new NetworkRouteTranslator()).FeedingOneObject(),
        KindDescription.Translated(GatewayRule, new GatewayRuleTranslator()).FeedingOneObject(),
        new(Service, ["v1"], Namespaced: true),
        new(IngressClass, ["v1"], Namespaced: false),
        new(Gateway, ["v1"], Namespaced: true),
        new(GatewayClass, ["v1"], Namespaced: false),
        new(TunnelIngressClassConfig, ["v1alpha2"], Namespaced: true),
        new(TunnelGatewayClassConfig, ["v1alpha2"], Namespaced: true),
        new KindDescription(VirtualNetwork, ["v1alpha2"], Namespaced: false).ReadingStatus(),
    ];

    private static readonly Dictionary<GroupKind, KindDescription> Catalog = Described.ToDictionary(k => k.Kind);

    /// <summary>Every kind CfSync reads, those with a translator first.</summary>
    public static IReadOnlyList<KindDescription> All => Described;

    /// <summary>The description of a kind CfSync reads; null when the kind is not CfSync's.</summary>
    public static KindDescription? Find(GroupKind kind) => Catalog.GetValueOrDefault(kind);

    /// <summary>True for the kinds we read that are namespaced; other kinds are not assumed either way.</summary>
    public static bool IsNamespaced(GroupKind kind) => Find(kind)?.Namespaced == true;

    /// <summary>
    /// Null when <paramref name="name"/> is a valid name for <paramref name="kind"/>, else the rule: Service names are
    /// DNS-1035 labels and those of the other kinds we read DNS-1123 subdomains, as the API server requires; any
    /// other kind's names are at least path segments of at most 253 characters.
    /// </summary>
    public static string? NameError(GroupKind kind, string name) =>
        kind == Service ? KubernetesNames.Dns1035LabelError(name)
        : Catalog.ContainsKey(kind) ? KubernetesNames.SubdomainError(name)
        : KubernetesNames.PathSegmentError(name);
}
