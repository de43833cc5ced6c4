using CfSync.Kubernetes.DevCluster;

namespace CfSync.Bridge.Tests;

/// <summary>
/// The test API server as the bridge tests run it. The server sends a bookmark only after a watch has been idle for
/// <see cref="TestApiServerOptions.BookmarkInterval"/>, and any write (the Lease renewed every 250 ms included) counts
/// as activity on every watch: a short interval keeps bookmarks flowing, as a real API server's timer does.
/// </summary>
internal static class TestCluster
{
    public static Task<KubernetesTestApiServer> StartAsync(TestApiServerOptions? options = null) =>
        KubernetesTestApiServer.StartAsync((options ?? new TestApiServerOptions()) with { BookmarkInterval = TimeSpan.FromMilliseconds(100) });
}
