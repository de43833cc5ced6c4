using System.Text.Json.Nodes;

namespace CfSync.Translation.Models;

/// <summary>Cluster-scoped VirtualNetwork: looked up for its Cloudflare id, else its Cloudflare name.</summary>
public sealed record VirtualNetwork : KubeObject
{
    public VirtualNetworkSpec? Spec { get; init; }

    public VirtualNetworkStatus? Status { get; init; }
}

public sealed record VirtualNetworkSpec
{
    /// <summary>The name in Cloudflare; the object's name when unset.</summary>
    public string? Name { get; init; }
}

public sealed record VirtualNetworkStatus
{
    public string? VirtualNetworkId { get; init; }
}

public sealed record DnsRecord : KubeObject
{
    public DnsRecordSpec? Spec { get; init; }
}

public sealed record DnsRecordSpec
{
    public CloudflareDetails? Cloudflare { get; init; }

    public string? Type { get; init; }

    public string? Name { get; init; }

    public string? Content { get; init; }

    public int? Ttl { get; init; }

    public bool? Proxied { get; init; }

    public string? Comment { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public int? Priority { get; init; }

    /// <summary>Structured record data; keys are renamed to Cloudflare's snake_case on the way out.</summary>
    public JsonObject? Data { get; init; }
}

public sealed record NetworkRoute : KubeObject
{
    public NetworkRouteSpec? Spec { get; init; }
}

public sealed record NetworkRouteSpec
{
    public CloudflareDetails? Cloudflare { get; init; }

    public string? Network { get; init; }

    public string? Comment { get; init; }

    public TunnelReference? TunnelRef { get; init; }

    public VirtualNetworkReference? VirtualNetworkRef { get; init; }
}

public sealed record VirtualNetworkReference
{
    public string? Name { get; init; }
}

public sealed record GatewayRule : KubeObject
{
    public GatewayRuleSpec? Spec { get; init; }
}

public sealed record GatewayRuleSpec
{
    public CloudflareDetails? Cloudflare { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Action { get; init; }

    public bool? Enabled { get; init; }

    public IReadOnlyList<string>? Filters { get; init; }

    public string? Traffic { get; init; }

    public string? Identity { get; init; }

    public string? DevicePosture { get; init; }

    public int? Precedence { get; init; }

    public JsonObject? RuleSettings { get; init; }

    public JsonObject? Schedule { get; init; }
}

/// <summary>
/// Cluster-scoped AccessApplication: the fields that map 1:1 onto Cloudflare's body, and its inline policies.
/// IdP refs, reusable policies, SaaS and SCIM settings need Cloudflare look-ups and are not read here.
/// </summary>
public sealed record AccessApplication : KubeObject
{
    public AccessApplicationSpec? Spec { get; init; }
}

public sealed record AccessApplicationSpec
{
    public CloudflareDetails? Cloudflare { get; init; }

    public string? Name { get; init; }

    public string? Domain { get; init; }

    public string? Type { get; init; }

    public string? SessionDuration { get; init; }

    public bool? AppLauncherVisible { get; init; }

    public bool? AutoRedirectToIdentity { get; init; }

    public IReadOnlyList<string>? AllowedIdps { get; init; }

    public bool? AllowAuthenticateViaWarp { get; init; }

    public string? CustomDenyMessage { get; init; }

    public string? CustomDenyUrl { get; init; }

    public string? CustomNonIdentityDenyUrl { get; init; }

    public bool? EnableBindingCookie { get; init; }

    public bool? HttpOnlyCookieAttribute { get; init; }

    public string? SameSiteCookieAttribute { get; init; }

    public string? LogoUrl { get; init; }

    public bool? SkipInterstitial { get; init; }

    public bool? OptionsPreflightBypass { get; init; }

    public bool? ServiceAuth401Redirect { get; init; }

    public bool? PathCookieAttribute { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public IReadOnlyList<string>? SelfHostedDomains { get; init; }

    public JsonObject? CorsHeaders { get; init; }

    public IReadOnlyList<AccessPolicy>? Policies { get; init; }
}

/// <summary>
/// One policy of an application: a reference to an Access group (<see cref="Name"/> of an AccessGroup object,
/// <see cref="GroupId"/>, <see cref="CloudflareGroupName"/>) or inline rules. Each rule is one object whose keys name
/// rule types (email, emailDomain, ipRanges, ...); they are read as they are and translated one by one.
/// </summary>
public sealed record AccessPolicy
{
    public string? Name { get; init; }

    public string? GroupId { get; init; }

    public string? CloudflareGroupName { get; init; }

    public string? PolicyName { get; init; }

    public string? Decision { get; init; }

    public int? Precedence { get; init; }

    public string? SessionDuration { get; init; }

    public IReadOnlyList<JsonObject>? Include { get; init; }

    public IReadOnlyList<JsonObject>? Exclude { get; init; }

    public IReadOnlyList<JsonObject>? Require { get; init; }
}
