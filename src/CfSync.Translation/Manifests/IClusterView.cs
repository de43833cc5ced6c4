using System.Text.Json.Nodes;

namespace CfSync.Translation.Manifests;

/// <summary>
/// What translators may look up in the cluster: objects by group, kind, namespace (null when cluster-scoped)
/// and name, in any version. Synchronous and read-only; a watcher implements it over its cache.
/// </summary>
public interface IClusterView
{
    JsonObject? Find(GroupKind kind, string? objectNamespace, string name);

    IReadOnlyList<JsonObject> List(GroupKind kind);

    /// <summary>Ids for the tunnels the cluster has not created yet; none unless a caller (render) supplies them.</summary>
    TunnelIds TunnelIds => TunnelIds.None;
}
