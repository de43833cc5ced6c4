namespace CfSync.Kubernetes.ApiServer;

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

    public ApiResourceTable Resources { get; init; } = ApiResourceTable.Default;

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
