using Microsoft.Extensions.Logging;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>Settings of a <see cref="KubernetesTestApiServer"/>.</summary>
public sealed record TestApiServerOptions
{
    /// <summary>How many change events watch can replay; older resourceVersions get 410 Gone.</summary>
    public int HistoryLimit { get; init; } = 1000;

    /// <summary>
    /// Idle time after which a watch with allowWatchBookmarks=true gets a BOOKMARK (the real server
    /// sends one about every minute; tests want them sooner).
    /// </summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest request body; a larger one is 413 RequestEntityTooLarge (kube-apiserver: 3 MiB).</summary>
    public int MaxRequestBytes { get; init; } = 3 * 1024 * 1024;

    /// <summary>
    /// The largest stored object (its JSON, as custom resources are stored); a write above it is 500 "etcdserver: request
    /// is too large" (etcd's default --max-request-bytes: 1.5 MiB).
    /// </summary>
    public int MaxObjectBytes { get; init; } = 1536 * 1024;

    public ApiResourceTable Resources { get; init; } = ApiResourceTable.Default;

    /// <summary>The loopback port to listen on; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Where each request is logged (method, path, Accept, status) at Debug level; none by default.</summary>
    public ILoggerFactory? Logging { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
