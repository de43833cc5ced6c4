namespace CfSync.Translation.Models;

/// <summary>v1alpha1 TunnelBinding: subjects and tunnelRef sit at the top level, not under spec.</summary>
public sealed record TunnelBinding : KubeObject
{
    public IReadOnlyList<TunnelBindingSubject>? Subjects { get; init; }

    public TunnelBindingReference? TunnelRef { get; init; }
}

/// <summary>A TunnelBinding's tunnelRef, which also says whether CfSync leaves the hostnames' DNS records alone.</summary>
public sealed record TunnelBindingReference : TunnelReference
{
    /// <summary>Spelled as the CRD's <c>disableDNSUpdates</c>, which camel-casing this name gives.</summary>
    public bool? DisableDNSUpdates { get; init; }
}

public sealed record TunnelBindingSubject
{
    public string? Kind { get; init; }

    public string? Name { get; init; }

    public TunnelBindingSubjectSpec? Spec { get; init; }
}

public sealed record TunnelBindingSubjectSpec
{
    public string? Fqdn { get; init; }

    public string? Protocol { get; init; }

    public string? Path { get; init; }

    public string? Target { get; init; }

    public bool? NoTlsVerify { get; init; }

    public bool? Http2Origin { get; init; }

    public string? CaPool { get; init; }

    public string? ProxyAddress { get; init; }

    public int? ProxyPort { get; init; }

    public string? ProxyType { get; init; }
}
