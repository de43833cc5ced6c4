namespace CfSync.Translation.Models;

/// <summary>
/// Tunnel (namespaced) and ClusterTunnel (cluster-scoped) share one shape, in v1alpha1 and v1alpha2.
/// spec.cloudflare is read for ids and the domain only; its secret fields are names we never read.
/// </summary>
public abstract record TunnelObject : KubeObject
{
    public TunnelSpec? Spec { get; init; }

    public TunnelStatus? Status { get; init; }
}

public sealed record Tunnel : TunnelObject;

public sealed record ClusterTunnel : TunnelObject;

public sealed record TunnelSpec
{
    public CloudflareDetails? Cloudflare { get; init; }

    public ExistingTunnel? ExistingTunnel { get; init; }

    public bool? EnableWarpRouting { get; init; }

    public string? FallbackTarget { get; init; }

    public bool? NoTlsVerify { get; init; }

    public string? OriginCaPool { get; init; }
}

public sealed record ExistingTunnel
{
    public string? Id { get; init; }

    public string? Name { get; init; }
}

public sealed record TunnelStatus
{
    public string? TunnelId { get; init; }

    public string? AccountId { get; init; }
}

/// <summary>The non-secret part of spec.cloudflare: where things live. Credentials are deliberately absent.</summary>
public sealed record CloudflareDetails
{
    public string? AccountId { get; init; }

    public string? ZoneId { get; init; }

    public string? Domain { get; init; }
}

/// <summary>A reference to a Tunnel or ClusterTunnel; namespace only applies to a Tunnel.</summary>
public record TunnelReference
{
    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? Namespace { get; init; }
}
