using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Text;
using CfSync.Translation.Manifests;
using CfSync.Translation.Models;

namespace CfSync.Translation.Translators;

/// <summary>A tunnel found through a reference: its configuration resource and where it lives.</summary>
internal sealed record ResolvedTunnel(ResourceIdentity Resource, ResourceScope Scope, TunnelObject Tunnel)
{
    /// <summary>The CNAMEs of the hostnames the tunnel serves: a resource of its own, keyed by the same tunnel id.</summary>
    public ResourceIdentity DnsRecords => new(ResourceType.TunnelDnsRecords, Resource.CloudflareId);
}

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
                return Found(view, view.Find<ClusterTunnel>(Kinds.ClusterTunnel, null, reference.Name), field, ObjectDescription.Of("ClusterTunnel", null, reference.Name));
            case "Tunnel":
                var ns = string.IsNullOrEmpty(reference.Namespace) ? referrerNamespace : reference.Namespace;
                return ns is null
                    ? new Problem($"{field}.namespace", "is required for a Tunnel referenced from a cluster-scoped object")
                    : Found(view, view.Find<Tunnel>(Kinds.Tunnel, ns, reference.Name), field, ObjectDescription.Of("Tunnel", ns, reference.Name));
            default:
                return new Problem($"{field}.kind", $"'{Quote.Of(kind)}' must be Tunnel or ClusterTunnel");
        }
    }

    private static Lookup<ResolvedTunnel> Found(IClusterView view, TunnelObject? tunnel, string field, string described)
    {
        if (tunnel is null)
        {
            return new Problem(field, $"{described} not found");
        }

        // A tunnel being deleted is going: its referrers stop feeding it now, in the same batch as its own deletion,
        // so its configuration is never sent once more with their rules and without its settings.
        if (tunnel.Metadata.DeletionTimestamp is not null)
        {
            return new Problem(field, $"{described} is being deleted");
        }

        return TunnelIdentity.Resource(tunnel, view) is { } resource
            ? new ResolvedTunnel(resource, TunnelIdentity.Scope(tunnel), tunnel)
            : new Problem(field, $"{described}: {TunnelIdentity.NotCreated}");
    }
}

/// <summary>
/// Which tunnel a Tunnel/ClusterTunnel is in Cloudflare: existing id first, else the id the operator created, else
/// the one the view's <see cref="TunnelIds"/> gives (supplied, or pending).
/// </summary>
internal static class TunnelIdentity
{
    public const string NotCreated = "tunnel not created yet (neither spec.existingTunnel.id nor status.tunnelId is set)";

    public static ResourceIdentity? Resource(TunnelObject tunnel, IClusterView view)
    {
        var id = NonEmpty(tunnel.Spec?.ExistingTunnel?.Id) ?? NonEmpty(tunnel.Status?.TunnelId) ?? view.TunnelIds.For(KeyOf(tunnel));
        return id is null ? null : new ResourceIdentity(ResourceType.TunnelConfiguration, id);
    }

    /// <summary>The tunnel's source key: <c>Tunnel/ns/name</c> or <c>ClusterTunnel/name</c>.</summary>
    public static string KeyOf(TunnelObject tunnel) =>
        tunnel is ClusterTunnel
            ? new Source("ClusterTunnel", null, tunnel.Metadata.Name).Key
            : new Source("Tunnel", tunnel.Metadata.Namespace ?? "default", tunnel.Metadata.Name).Key;

    public static ResourceScope Scope(TunnelObject tunnel) =>
        new(NonEmpty(tunnel.Spec?.Cloudflare?.AccountId) ?? NonEmpty(tunnel.Status?.AccountId));

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
