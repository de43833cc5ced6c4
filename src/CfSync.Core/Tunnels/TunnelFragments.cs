using System.Text.Json.Serialization;
using CfSync.Core.Fragments;
using CfSync.Core.Resources;

namespace CfSync.Core.Tunnels;

/// <summary>
/// The tunnel-wide part of a tunnel configuration, from the Tunnel or ClusterTunnel:
/// warp-routing, the fallback (catch-all) target and tunnel-level origin defaults.
/// </summary>
public sealed record TunnelSettingsFragment(
    [property: JsonPropertyName("warpRouting")] bool WarpRouting,
    [property: JsonPropertyName("fallbackTarget")] string? FallbackTarget = null,
    [property: JsonPropertyName("originRequest")] OriginRequest? OriginRequest = null) : Fragment
{
    /// <summary>The catch-all target when no settings source says otherwise.</summary>
    public const string DefaultFallbackTarget = "http_status:404";

    public static TunnelSettingsFragment Defaults { get; } = new(false);

    public override ResourceType ResourceType => ResourceType.TunnelConfiguration;

    public override int DefaultPriority => 10;
}

/// <summary>Ingress rules one source (Ingress, HTTPRoute, TunnelBinding) contributes to a tunnel.</summary>
public sealed record IngressRulesFragment(
    [property: JsonPropertyName("rules")] IReadOnlyList<IngressRule> Rules) : Fragment
{
    public override ResourceType ResourceType => ResourceType.TunnelConfiguration;

    public bool Equals(IngressRulesFragment? other) =>
        other is not null && Rules.SequenceEqual(other.Rules);

    public override int GetHashCode() => Rules.Count;
}
