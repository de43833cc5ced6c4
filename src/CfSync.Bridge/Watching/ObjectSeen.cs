using System.Security.Cryptography;
using System.Text.Json;
using k8s.Models;

namespace CfSync.Bridge.Watching;

/// <summary>
/// What the bridge keeps of an object it listed or watched: where it is, which incarnation and version, and
/// <paramref name="Content"/>: a hash of the metadata that CfSync's translation reads and that shows a change of
/// the object's spec (generation, labels, annotations, deletionTimestamp), or null when the metadata cannot show
/// every change that matters (the kind keeps no generation, as Services do, or its status is read).
/// </summary>
internal sealed record ObjectSeen(string Namespace, string Name, string? Uid, string ResourceVersion, string? Content)
{
    public static ObjectSeen Of(WatchedKind kind, V1ObjectMeta? metadata)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return new(metadata?.NamespaceProperty ?? "", metadata?.Name ?? "", metadata?.Uid, metadata?.ResourceVersion ?? "", ContentOf(kind, metadata));
    }

    /// <summary>
    /// True when <paramref name="next"/> is the same incarnation with the same content: a write of its status, its
    /// finalizers or its managed fields only (CfSync's own status and finalizer writes among them), which changes
    /// nothing CfSync makes of it.
    /// </summary>
    public bool SameContent(ObjectSeen next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return Content is not null && Uid == next.Uid && Content == next.Content;
    }

    private static string? ContentOf(WatchedKind kind, V1ObjectMeta? metadata)
    {
        if (kind.StatusRead || metadata?.Generation is not > 0)
        {
            return null;
        }

        // Kubernetes sends maps in key order, but nothing promises it: sorted here, so equal content hashes equally.
        var content = JsonSerializer.SerializeToUtf8Bytes(new object?[]
        {
            metadata.Generation,
            metadata.DeletionTimestamp,
            metadata.Labels?.OrderBy(l => l.Key, StringComparer.Ordinal).ToArray(),
            metadata.Annotations?.OrderBy(a => a.Key, StringComparer.Ordinal).ToArray(),
        });
        return Convert.ToBase64String(SHA256.HashData(content));
    }
}
