using System.Text.Json.Nodes;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// One change in the server's history. <paramref name="Previous"/> lets a filtered watch turn a
/// label change into ADDED or DELETED for that watcher, as the API server does.
/// </summary>
internal sealed record WatchEvent(string Type, long ResourceVersion, string StorageKey, JsonObject Object, JsonObject? Previous);
