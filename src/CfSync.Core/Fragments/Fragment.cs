using System.Text.Json.Serialization;
using CfSync.Core.Objects;
using CfSync.Core.Resources;
using CfSync.Core.Tunnels;

namespace CfSync.Core.Fragments;

/// <summary>
/// What one source contributes to one Cloudflare resource. Fragments are plain data: they are stored in
/// entity state and in CloudflareSyncState, so they round-trip through JSON with a type discriminator.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TunnelSettingsFragment), "tunnelSettings")]
[JsonDerivedType(typeof(IngressRulesFragment), "ingressRules")]
[JsonDerivedType(typeof(ObjectFragment), "object")]
[JsonDerivedType(typeof(Dns.TunnelHostnamesFragment), "tunnelHostnames")]
public abstract record Fragment
{
    /// <summary>The resource type this fragment can contribute to.</summary>
    [JsonIgnore]
    public abstract ResourceType ResourceType { get; }

    /// <summary>Default conflict priority: lower wins. Tunnel settings 10, everything else 100.</summary>
    [JsonIgnore]
    public virtual int DefaultPriority => 100;
}
