using System.Text.Json.Nodes;
using CfSync.Translation;
using CfSync.Translation.Manifests;

namespace CfSync.Watchers.Cluster;

/// <summary>
/// A view that remembers what one translation looked up, found or not: an object depends on exactly the objects its
/// translation asked for (a Service it names, its IngressClass, the class config and tunnel behind it) and on every
/// kind it listed (the default IngressClass).
/// </summary>
internal sealed class RecordingView(IClusterView inner) : IClusterView
{
    private readonly HashSet<(GroupKind Kind, string? Namespace, string Name)> _found = [];
    private readonly HashSet<GroupKind> _listed = [];

    public TunnelIds TunnelIds => inner.TunnelIds;

    public JsonObject? Find(GroupKind kind, string? objectNamespace, string name)
    {
        _found.Add((kind, objectNamespace, name));
        return inner.Find(kind, objectNamespace, name);
    }

    public IReadOnlyList<JsonObject> List(GroupKind kind)
    {
        _listed.Add(kind);
        return inner.List(kind);
    }

    public bool LookedUp(GroupKind kind, string? objectNamespace, string name) =>
        _listed.Contains(kind) || _found.Contains((kind, objectNamespace, name));
}
