using CfSync.Bridge;
using CfSync.Bridge.Health;
using CfSync.Kubernetes.DevCluster;
using CfSync.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CfSync.EndToEnd.Tests;

/// <summary>
/// One event bridge replica in-process, configured as a user would (a kubeconfig file, the storage connection, the
/// queue name, the Lease), with short linger, backoffs and Lease so that a takeover happens within seconds.
/// </summary>
internal sealed class RunningBridge : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _kubeconfig;
    private bool _stopped;

    private RunningBridge(WebApplication app, string kubeconfig)
    {
        _app = app;
        _kubeconfig = kubeconfig;
    }

    public BridgeStatus Status => _app.Services.GetRequiredService<BridgeStatus>();

    public BridgeMetrics Metrics => _app.Services.GetRequiredService<BridgeMetrics>();

    public static async Task<RunningBridge> StartAsync(KubernetesTestApiServer cluster, string queue)
    {
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"cfsync-e2e-{Guid.NewGuid():N}.kubeconfig"));
        var builder = BridgeApp.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KUBECONFIG"] = kubeconfig,
            ["CFSYNC_STORAGE_CONNECTION"] = Azurite.ConnectionString,
            ["CfSync:Changes:Queue"] = queue,
            ["CfSync:Bridge:Port"] = "0",
            ["CfSync:Bridge:Linger"] = "00:00:00.050",
            ["CfSync:Bridge:InitialBackoff"] = "00:00:00.100",
            ["CfSync:Bridge:MaxBackoff"] = "00:00:01",
            ["CfSync:Bridge:Lease:Name"] = "cfsync-bridge",
            ["CfSync:Bridge:Lease:Duration"] = "00:00:02",
            ["CfSync:Bridge:Lease:RenewDeadline"] = "00:00:01.500",
            ["CfSync:Bridge:Lease:RetryPeriod"] = "00:00:00.250",
        });
        var app = BridgeApp.Build(builder);
        await app.StartAsync();
        return new RunningBridge(app, kubeconfig);
    }

    /// <summary>Stops the replica without releasing its Lease (as a killed pod would not); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(_kubeconfig);
    }
}
