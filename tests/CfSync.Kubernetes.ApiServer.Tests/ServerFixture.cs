using CfSync.Kubernetes.ApiServer;
using k8s;

namespace CfSync.Kubernetes.ApiServer.Tests;

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
