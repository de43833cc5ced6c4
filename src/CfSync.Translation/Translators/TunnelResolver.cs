using CfSync.Core.Resources;
using CfSync.Core.Text;
using CfSync.Translation.Manifests;
using CfSync.Translation.Models;

namespace CfSync.Translation.Translators;

/// <summary>A tunnel found through a reference: its configuration resource and where it lives.</summary>
internal sealed record ResolvedTunnel(ResourceIdentity Resource, ResourceScope Scope, TunnelObject Tunnel);

/// <summary>
/// Resolves <c>tunnelRef {kind, name, namespace?}</c>. A Tunnel ref without namespace means the referrer's
/// namespace; a cluster-scoped referrer must name it.
/// </summary>
internal static class TunnelResolver
{
    public static Lookup<ResolvedTunnel> Resolve(
        IClusterView view, TunnelReference? reference, string field, string? referrerNamespace, string? defaultKind = null)
    {
        if (reference is null)
        {
            return new Problem(field, "is required");
        }

        var kind = string.IsNullOrEmpty(reference.Kind) ? defaultKind : reference.Kind;
        if (string.IsNullOrEmpty(reference.Name))
        {
            return new Problem($"{field}.name", "is required");
        }

        switch (kind)
        {
            case "ClusterTunnel":
                return Found(view.Find<ClusterTunnel>(Kinds.ClusterTunnel, null, reference.Name), field, ObjectDescription.Of("ClusterTunnel", null, reference.Name));
            case "Tunnel":
                var ns = string.IsNullOrEmpty(reference.Namespace) ? referrerNamespace : reference.Namespace;
                return ns is null
                    ? new Problem($"{field}.namespace", "is required for a Tunnel referenced from a cluster-scoped object")
                    : Found(view.Find<Tunnel>(Kinds.Tunnel, ns, reference.Name), field, ObjectDescription.Of("Tunnel", ns, reference.Name));
            default:
                return new Problem($"{field}.kind", $"'{Quote.Of(kind)}' must be Tunnel or ClusterTunnel");
        }
    }

    private static Lookup<ResolvedTunnel> Found(TunnelObject? tunnel, string field, string described)
    {
        if (tunnel is null)
        {
            return new Problem(field, $"{described} not found");
        }

        return TunnelIdentity.Resource(tunnel) is { } resource
            ? new ResolvedTunnel(resource, TunnelIdentity.Scope(tunnel), tunnel)
            : new Problem(field, $"{described}: {TunnelIdentity.NotCreated}");
    }
}

/// <summary>Which tunnel a Tunnel/ClusterTunnel is in Cloudflare: existing id first, else the id the operator created.</summary>
internal static class TunnelIdentity
{
    public const string NotCreated = "tunnel not created yet (neither spec.existingTunnel.id nor status.tunnelId is set)";

    public static ResourceIdentity? Resource(TunnelObject tunnel)
    {
        var id = NonEmpty(tunnel.Spec?.ExistingTunnel?.Id) ?? NonEmpty(tunnel.Status?.TunnelId);
        return id is null ? null : new ResourceIdentity(ResourceType.TunnelConfiguration, id);
    }

    public static ResourceScope Scope(TunnelObject tunnel) =>
        new(NonEmpty(tunnel.Spec?.Cloudflare?.AccountId) ?? NonEmpty(tunnel.Status?.AccountId));

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
