using System.Text.Json.Nodes;
using CfSync.Translation;
using CfSync.Translation.Manifests;

namespace CfSync.Watchers.Cluster;

/// <summary>
/// One batch's view of the cluster for the translators, read from the API once per batch: every object of the
/// <see cref="ClusterWideKinds"/> (one list each: these are few per cluster), and the Services of the namespaces the
/// batch's objects live in (one list per namespace). A Service looked up in a namespace not loaded is reported in
/// <see cref="UnloadedServiceNamespaces"/>, so the caller can load it and translate again (an HTTPRoute's backend in
/// another namespace).
/// </summary>
public sealed class ClusterSnapshot : IClusterView
{
    /// <summary>The kinds translators look up, other than Service.</summary>
    public static IReadOnlyList<GroupKind> ClusterWideKinds { get; } =
    [
        Kinds.IngressClass, Kinds.GatewayClass, Kinds.Gateway, Kinds.Tunnel, Kinds.ClusterTunnel, Kinds.VirtualNetwork,
        Kinds.TunnelIngressClassConfig, Kinds.TunnelGatewayClassConfig,
    ];

    private readonly Dictionary<GroupKind, List<JsonObject>> _lists = [];
    private readonly Dictionary<(GroupKind Kind, string? Namespace, string Name), JsonObject> _byName = [];
    private readonly HashSet<string> _serviceNamespaces = [];
    private readonly HashSet<string> _unloaded = [];

    private ClusterSnapshot()
    {
    }

    /// <summary>Namespaces whose Services a translation asked for and this snapshot does not hold.</summary>
    public IReadOnlySet<string> UnloadedServiceNamespaces => _unloaded;

    public static async Task<ClusterSnapshot> ReadAsync(IClusterReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var snapshot = new ClusterSnapshot();
        foreach (var kind in ClusterWideKinds)
        {
            snapshot.Add(kind, await reader.ListAsync(Kinds.Find(kind)!, null, cancellationToken).ConfigureAwait(false));
        }

        return snapshot;
    }

    /// <summary>Loads the Services of each namespace not loaded yet.</summary>
    public async Task AddServicesAsync(IClusterReader reader, IEnumerable<string> namespaces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(namespaces);
        foreach (var ns in namespaces.Distinct(StringComparer.Ordinal).Where(n => !_serviceNamespaces.Contains(n)).ToList())
        {
            Add(Kinds.Service, await reader.ListAsync(Kinds.Find(Kinds.Service)!, ns, cancellationToken).ConfigureAwait(false));
            _serviceNamespaces.Add(ns);
            _unloaded.Remove(ns);
        }
    }

    public JsonObject? Find(GroupKind kind, string? objectNamespace, string name)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (kind == Kinds.Service && objectNamespace is not null && !_serviceNamespaces.Contains(objectNamespace))
        {
            _unloaded.Add(objectNamespace);
        }

        return _byName.GetValueOrDefault((kind, objectNamespace, name));
    }

    public IReadOnlyList<JsonObject> List(GroupKind kind) => _lists.TryGetValue(kind, out var objects) ? objects : [];

    private void Add(GroupKind kind, IReadOnlyList<JsonObject> objects)
    {
        if (!_lists.TryGetValue(kind, out var list))
        {
            _lists[kind] = list = [];
        }

        foreach (var obj in objects)
        {
            list.Add(obj);
            _byName[(kind, ObjectFields.Namespace(obj), ObjectFields.Name(obj))] = obj;
        }
    }
}
