using CfSync.Translation;

namespace CfSync.Watchers.Watching;

/// <summary>The kinds whose objects may depend on a changed object, and where they are looked for.</summary>
public sealed record DependentKinds(IReadOnlyList<GroupKind> Kinds, bool SameNamespace);

/// <summary>
/// Which objects a change of a looked-up kind re-evaluates (docs/watchers.md has the table). The candidates are listed
/// from the API and translated; only those whose translation looked the changed object up (<c>RecordingView</c>) are
/// signalled, so a Tunnel's change reaches its bindings and routes, not every Ingress of the cluster.
/// </summary>
public static class Dependents
{
    private static readonly GroupKind[] TunnelUsers = [Kinds.Ingress, Kinds.HttpRoute, Kinds.TunnelBinding, Kinds.OriginalTunnelBinding, Kinds.NetworkRoute];

    private static readonly Dictionary<GroupKind, DependentKinds> Table = new()
    {
        // Backends name Services of their own namespace (an HTTPRoute's backend in another one heals at the next resync).
        [Kinds.Service] = new([Kinds.Ingress, Kinds.HttpRoute, Kinds.TunnelBinding, Kinds.OriginalTunnelBinding], SameNamespace: true),
        [Kinds.IngressClass] = new([Kinds.Ingress], SameNamespace: false),
        [Kinds.TunnelIngressClassConfig] = new([Kinds.Ingress], SameNamespace: false),
        [Kinds.GatewayClass] = new([Kinds.HttpRoute], SameNamespace: false),
        [Kinds.Gateway] = new([Kinds.HttpRoute], SameNamespace: false),
        [Kinds.TunnelGatewayClassConfig] = new([Kinds.HttpRoute], SameNamespace: false),
        [Kinds.Tunnel] = new(TunnelUsers, SameNamespace: false),
        [Kinds.ClusterTunnel] = new(TunnelUsers, SameNamespace: false),
        [Kinds.VirtualNetwork] = new([Kinds.NetworkRoute], SameNamespace: false),
    };

    /// <summary>The kinds to re-evaluate when an object of <paramref name="changed"/> changes; null when none depend on it.</summary>
    public static DependentKinds? Of(GroupKind changed) => Table.GetValueOrDefault(changed);
}
