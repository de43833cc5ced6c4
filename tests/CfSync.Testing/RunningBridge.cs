using CfSync.Bridge;
using CfSync.Bridge.Health;
using CfSync.Kubernetes.DevCluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CfSync.Testing;

/// <summary>
/// One bridge in-process, pointed at a test API server (through a kubeconfig file, as a user would, with its service
/// account's name as the token, so the server records its requests as the bridge's) and at Azurite,
/// with short leases, backoffs and linger so that tests move quickly; its health endpoints on a free loopback port.
/// </summary>
public sealed class RunningBridge : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _kubeconfig;
    private bool _disposed;

    private RunningBridge(WebApplication app, string kubeconfig, ChangeQueueReader queue)
    {
        _app = app;
        _kubeconfig = kubeconfig;
        Queue = queue;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public HttpClient Http { get; }

    /// <summary>The queue this bridge writes to, as the watchers read it.</summary>
    public ChangeQueueReader Queue { get; }

    public BridgeMetrics Metrics => _app.Services.GetRequiredService<BridgeMetrics>();

    public BridgeStatus Status => _app.Services.GetRequiredService<BridgeStatus>();

    /// <summary>Starts a bridge on <paramref name="queue"/> (another bridge's, to share it), else on a queue of its own.</summary>
    public static async Task<RunningBridge> StartAsync(KubernetesTestApiServer server, ChangeQueueReader? queue = null, string lease = "cfsync-bridge", IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        queue ??= new ChangeQueueReader($"bridge-{Guid.NewGuid():N}"[..30]);
        var kubeconfig = server.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"bridge-test-{Guid.NewGuid():N}.kubeconfig"), Grants.Bridge);
        var builder = BridgeApp.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KUBECONFIG"] = kubeconfig,
            ["CFSYNC_STORAGE_CONNECTION"] = Azurite.ConnectionString,
            ["CfSync:Changes:Queue"] = queue.QueueName,
            ["CfSync:Bridge:Port"] = "0",
            ["CfSync:Bridge:Linger"] = "00:00:00.050",
            ["CfSync:Bridge:InitialBackoff"] = "00:00:00.100",
            ["CfSync:Bridge:MaxBackoff"] = "00:00:01",

            // The test API server sends a bookmark after a second of silence.
            ["CfSync:Bridge:WatchIdleTimeout"] = "00:00:05",
            ["CfSync:Bridge:Lease:Name"] = lease,
            ["CfSync:Bridge:Lease:Duration"] = "00:00:02",
            ["CfSync:Bridge:Lease:RenewDeadline"] = "00:00:01.500",
            ["CfSync:Bridge:Lease:RetryPeriod"] = "00:00:00.250",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        var app = BridgeApp.Build(builder);
        await app.StartAsync();
        return new RunningBridge(app, kubeconfig, queue);
    }

    /// <summary>Waits until this bridge leads and every kind is synced or known not served.</summary>
    public Task WaitReadyLeaderAsync() =>
        Eventually.TrueAsync(async () => Status.Leading && (await Http.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30), "the bridge to lead with every kind synced");

    /// <summary>Stops the bridge (without releasing its Lease, as a killed pod would not); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(_kubeconfig);
    }
}
