namespace CfSync.Translation.Models;

/// <summary>networking.k8s.io/v1 Ingress: the fields a tunnel rule needs. TLS is ignored (Cloudflare terminates TLS).</summary>
public sealed record Ingress : KubeObject
{
    public IngressSpec? Spec { get; init; }
}

public sealed record IngressSpec
{
    public string? IngressClassName { get; init; }

    public IngressBackend? DefaultBackend { get; init; }

    public IReadOnlyList<IngressRuleSpec>? Rules { get; init; }
}

public sealed record IngressRuleSpec
{
    public string? Host { get; init; }

    public HttpIngressRuleValue? Http { get; init; }
}

public sealed record HttpIngressRuleValue
{
    public IReadOnlyList<HttpIngressPath>? Paths { get; init; }
}

public sealed record HttpIngressPath
{
    public string? Path { get; init; }

    public string? PathType { get; init; }

    public IngressBackend? Backend { get; init; }
}

public sealed record IngressBackend
{
    public IngressServiceBackend? Service { get; init; }

    public TypedObjectReference? Resource { get; init; }
}

public sealed record IngressServiceBackend
{
    public string? Name { get; init; }

    public ServiceBackendPort? Port { get; init; }
}

public sealed record ServiceBackendPort
{
    public int? Number { get; init; }

    public string? Name { get; init; }
}

public sealed record TypedObjectReference
{
    public string? ApiGroup { get; init; }

    public string? Kind { get; init; }

    public string? Name { get; init; }
}

/// <summary>networking.k8s.io/v1 IngressClass: which controller, and its parameters object.</summary>
public sealed record IngressClass : KubeObject
{
    public IngressClassSpec? Spec { get; init; }
}

public sealed record IngressClassSpec
{
    public string? Controller { get; init; }

    public IngressClassParameters? Parameters { get; init; }
}

public sealed record IngressClassParameters
{
    public string? ApiGroup { get; init; }

    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? Namespace { get; init; }

    public string? Scope { get; init; }
}
