namespace CfSync.Translation.Models;

/// <summary>The parameters object of our IngressClass.</summary>
public sealed record TunnelIngressClassConfig : KubeObject
{
    public TunnelIngressClassConfigSpec? Spec { get; init; }
}

public sealed record TunnelIngressClassConfigSpec
{
    public TunnelReference? TunnelRef { get; init; }

    public string? DefaultProtocol { get; init; }

    public OriginRequestSpec? DefaultOriginRequest { get; init; }

    public IReadOnlyList<string>? WatchNamespaces { get; init; }

    /// <summary><c>Automatic</c> (default), <c>Manual</c> or <c>DNSRecord</c>: whether CfSync writes the hostnames' CNAMEs.</summary>
    public string? DnsManagement { get; init; }

    /// <summary>Whether those CNAMEs are proxied through Cloudflare; default true.</summary>
    public bool? DnsProxied { get; init; }
}

/// <summary>The parameters object of our GatewayClass.</summary>
public sealed record TunnelGatewayClassConfig : KubeObject
{
    public TunnelGatewayClassConfigSpec? Spec { get; init; }
}

public sealed record TunnelGatewayClassConfigSpec
{
    public TunnelReference? TunnelRef { get; init; }

    public OriginRequestSpec? DefaultOriginRequest { get; init; }

    public IReadOnlyList<string>? WatchNamespaces { get; init; }

    /// <summary><c>Automatic</c> (default), <c>Manual</c> or <c>DNSRecord</c>: whether CfSync writes the hostnames' CNAMEs.</summary>
    public string? DnsManagement { get; init; }

    /// <summary>Whether those CNAMEs are proxied through Cloudflare; default true.</summary>
    public bool? DnsProxied { get; init; }
}

/// <summary>The CRDs' origin request settings: timeouts are Go duration strings.</summary>
public sealed record OriginRequestSpec
{
    public bool? BastionMode { get; init; }

    public string? CaPool { get; init; }

    public string? ConnectTimeout { get; init; }

    public bool? DisableChunkedEncoding { get; init; }

    public bool? Http2Origin { get; init; }

    public string? HttpHostHeader { get; init; }

    public int? KeepAliveConnections { get; init; }

    public string? KeepAliveTimeout { get; init; }

    public bool? NoTlsVerify { get; init; }

    public string? OriginServerName { get; init; }

    public string? ProxyAddress { get; init; }

    public int? ProxyPort { get; init; }

    public string? ProxyType { get; init; }

    public string? TlsTimeout { get; init; }
}
