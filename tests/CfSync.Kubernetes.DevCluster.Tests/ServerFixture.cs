using CfSync.Kubernetes.DevCluster;
using k8s;
using k8s.Models;

namespace CfSync.Kubernetes.DevCluster.Tests;

/// <summary>One server and client per test class; tests isolate themselves by namespace.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private KubernetesTestApiServer? _server;
    private IKubernetes? _client;

    public KubernetesTestApiServer Server => _server ?? throw new InvalidOperationException("not started");

    public IKubernetes Client => _client ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _server = await KubernetesTestApiServer.StartAsync(new TestApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200) });
        _client = _server.CreateClient();

        // Like a real cluster, start with a write, so that no test's "current resourceVersion" is 0,
        // which a watch would read as "any version" instead of "changes after 0".
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "default" } });
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public static string UniqueNamespace() => "ns-" + Guid.NewGuid().ToString("N")[..10];
}
