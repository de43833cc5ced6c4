namespace CfSync.Translation.Models;

/// <summary>gateway.networking.k8s.io/v1 Gateway: only its class.</summary>
public sealed record Gateway : KubeObject
{
    public GatewaySpec? Spec { get; init; }
}

public sealed record GatewaySpec
{
    public string? GatewayClassName { get; init; }
}

/// <summary>gateway.networking.k8s.io/v1 GatewayClass: which controller, and its parameters object.</summary>
public sealed record GatewayClass : KubeObject
{
    public GatewayClassSpec? Spec { get; init; }
}

public sealed record GatewayClassSpec
{
    public string? ControllerName { get; init; }

    public GatewayParametersReference? ParametersRef { get; init; }
}

public sealed record GatewayParametersReference
{
    public string? Group { get; init; }

    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? Namespace { get; init; }
}

/// <summary>gateway.networking.k8s.io/v1 HTTPRoute. Matches and filters are read so unsupported ones can be rejected.</summary>
public sealed record HttpRoute : KubeObject
{
    public HttpRouteSpec? Spec { get; init; }
}

public sealed record HttpRouteSpec
{
    public IReadOnlyList<ParentReference>? ParentRefs { get; init; }

    public IReadOnlyList<string>? Hostnames { get; init; }

    public IReadOnlyList<HttpRouteRule>? Rules { get; init; }
}

public sealed record ParentReference
{
    public string? Group { get; init; }

    public string? Kind { get; init; }

    public string? Namespace { get; init; }

    public string? Name { get; init; }

    public string? SectionName { get; init; }
}

public sealed record HttpRouteRule
{
    public IReadOnlyList<HttpRouteMatch>? Matches { get; init; }

    public IReadOnlyList<System.Text.Json.Nodes.JsonObject>? Filters { get; init; }

    public IReadOnlyList<HttpBackendRef>? BackendRefs { get; init; }
}

public sealed record HttpRouteMatch
{
    public HttpPathMatch? Path { get; init; }

    public IReadOnlyList<System.Text.Json.Nodes.JsonObject>? Headers { get; init; }

    public IReadOnlyList<System.Text.Json.Nodes.JsonObject>? QueryParams { get; init; }

    public string? Method { get; init; }
}

public sealed record HttpPathMatch
{
    public string? Type { get; init; }

    public string? Value { get; init; }
}

public sealed record HttpBackendRef
{
    public string? Group { get; init; }

    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? Namespace { get; init; }

    public int? Port { get; init; }

    public int? Weight { get; init; }

    public IReadOnlyList<System.Text.Json.Nodes.JsonObject>? Filters { get; init; }
}
