using CfSync.Comparison.Benchmarks.Workload;
using k8s;

namespace CfSync.Comparison.Benchmarks.Baseline;

/// <summary>
/// The seed's tunnel controller: per ClusterTunnel event, GET the tunnel's configuration, set warp-routing and the
/// catch-all from the object it was given, keep the rules it found, PUT it back.
/// </summary>
internal sealed class TunnelSettingsController(IKubernetes kubernetes, TunnelConfigurationApi cloudflare, ReconcileQueue queue)
{
    private int events;

    public int Events => Volatile.Read(ref events);

    public Task StartAsync(CancellationToken stopping) =>
        ObjectWatch.RunCustomAsync(kubernetes, TunnelManifests.Group, TunnelManifests.Version, TunnelManifests.ClusterTunnels,
            (type, tunnel) =>
            {
                Interlocked.Increment(ref events);
                if (type != WatchEventType.Deleted && TunnelView.Of(tunnel) is { } view)
                {
                    queue.Enqueue(token => ReconcileAsync(view, token));
                }
            },
            stopping);

    private async Task<TimeSpan?> ReconcileAsync(TunnelView tunnel, CancellationToken cancellationToken)
    {
        var (config, retryAfter) = await cloudflare.GetAsync(tunnel, cancellationToken).ConfigureAwait(false);
        return config is null
            ? retryAfter
            : await cloudflare.PutAsync(tunnel, tunnel.Apply(config, new HashSet<string>(StringComparer.Ordinal), []), cancellationToken).ConfigureAwait(false);
    }
}
