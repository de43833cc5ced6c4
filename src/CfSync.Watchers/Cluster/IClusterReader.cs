using System.Text.Json.Nodes;
using CfSync.Translation;

namespace CfSync.Watchers.Cluster;

/// <summary>
/// What the watchers read and write in the Kubernetes API (the Kubernetes edge implements it). Objects come back with
/// <c>apiVersion</c> and <c>kind</c> set (list items of built-in kinds carry neither), in the kind's
/// <see cref="KindDescription.ReadVersion"/>.
/// </summary>
public interface IClusterReader
{
    /// <summary>The cluster's current revision: the resourceVersion of a list response (etcd's revision).</summary>
    Task<string> ReadRevisionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Every object of <paramref name="kind"/> in <paramref name="objectNamespace"/> (null: all namespaces, or the
    /// cluster-scoped kind). A kind the cluster does not serve (its CRD is not installed) has no objects.
    /// </summary>
    Task<IReadOnlyList<JsonObject>> ListAsync(KindDescription kind, string? objectNamespace, CancellationToken cancellationToken);

    /// <summary>The object, or null when it does not exist (or its kind is not served).</summary>
    Task<JsonObject?> GetAsync(KindDescription kind, string? objectNamespace, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the object's finalizers, on the condition that it is still at <paramref name="resourceVersion"/> (so a
    /// finalizer someone else added meanwhile is never dropped).
    /// </summary>
    Task<FinalizerWrite> SetFinalizersAsync(KindDescription kind, string? objectNamespace, string name, string resourceVersion, IReadOnlyList<string> finalizers, CancellationToken cancellationToken);
}

/// <summary>How a finalizer write ended.</summary>
public enum FinalizerWrite
{
    Written,

    /// <summary>The object changed since it was read (409): read it again.</summary>
    Conflict,

    /// <summary>The object no longer exists.</summary>
    Gone,
}
