using System.Text.Json;

namespace CfSync.Translation.Models;

/// <summary>v1 Service: only its ports, to resolve named ports and pick a scheme.</summary>
public sealed record Service : KubeObject
{
    public ServiceSpec? Spec { get; init; }
}

public sealed record ServiceSpec
{
    public IReadOnlyList<ServicePort>? Ports { get; init; }
}

public sealed record ServicePort
{
    public string? Name { get; init; }

    public int Port { get; init; }

    /// <summary>A number or a name (IntOrString); kept as read, for diagnostics only.</summary>
    public JsonElement? TargetPort { get; init; }

    public string? AppProtocol { get; init; }

    public string? Protocol { get; init; }
}
