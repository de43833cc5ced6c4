using k8s;

namespace CfSync.Comparison.Benchmarks.Baseline;

/// <summary>
/// The seed's "current architecture", run in the harness against the baseline's own cluster: a tunnel settings
/// controller (ClusterTunnel) and an Ingress, an HTTPRoute and a TunnelBinding controller, each with its own work queue
/// of 4 concurrent reconciles, each reconcile a GET of the tunnel's whole configuration and a PUT of it with the
/// controller's part replaced. It races
/// twice over: two reconciles that GET the same version both PUT, and the later PUT drops the rule the earlier one
/// added (lost update: no version check, no lock); and the rule controllers write the warp-routing and fallback they
/// read first, so their PUTs undo a settings change made since (stale view). It retries only a 429, after its
/// retry-after; every call and every 429 is counted.
/// </summary>
internal sealed class BaselineControllers : IAsyncDisposable
{
    private const int ConcurrentReconciles = 4;

    private readonly CancellationTokenSource stopping = new();
    private readonly TunnelConfigurationApi cloudflare;
    private readonly TunnelSettingsController tunnels;
    private readonly IngressController ingresses;
    private readonly CustomRuleController routes;
    private readonly CustomRuleController bindings;
    private readonly List<ReconcileQueue> queues = [];
    private readonly List<Task> watches = [];

    private BaselineControllers(IKubernetes kubernetes, TunnelConfigurationApi cloudflare)
    {
        this.cloudflare = cloudflare;
        tunnels = new TunnelSettingsController(kubernetes, cloudflare, Queue());
        ingresses = new IngressController(kubernetes, cloudflare, Queue());
        routes = new CustomRuleController(kubernetes, cloudflare, Queue(), CustomRuleKinds.HttpRoute);
        bindings = new CustomRuleController(kubernetes, cloudflare, Queue(), CustomRuleKinds.TunnelBinding);

        // Each controller's own queue, kept for the counts and the stop.
        ReconcileQueue Queue()
        {
            var queue = new ReconcileQueue(ConcurrentReconciles, stopping.Token);
            queues.Add(queue);
            return queue;
        }
    }

    public int Calls => cloudflare.Calls;

    public int TooManyRequests => cloudflare.TooManyRequests;

    public int Failures => queues.Sum(q => q.Failures);

    public DateTimeOffset? LastPut => cloudflare.LastPut;

    public bool Idle => queues.All(q => q.Idle);

    /// <summary>Work is left, all of it waiting out retry-afters: the controllers are stalled on Cloudflare's limit.</summary>
    public bool Stalled => !Idle && queues.All(q => q.Idle || q.Stalled);

    /// <summary>
    /// Starts the controllers and waits until the tunnel controller has seen the <paramref name="tunnelCount"/>
    /// existing tunnels and every queue is empty, so a scenario's changes start from a settled baseline.
    /// </summary>
    public static async Task<BaselineControllers> StartAsync(IKubernetes kubernetes, TunnelConfigurationApi cloudflare, int tunnelCount, CancellationToken cancellationToken)
    {
        var controllers = new BaselineControllers(kubernetes, cloudflare);
        controllers.watches.Add(controllers.tunnels.StartAsync(controllers.stopping.Token));
        controllers.watches.Add(await controllers.ingresses.StartAsync(controllers.stopping.Token).ConfigureAwait(false));
        controllers.watches.Add(controllers.routes.StartAsync(controllers.stopping.Token));
        controllers.watches.Add(controllers.bindings.StartAsync(controllers.stopping.Token));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (controllers.tunnels.Events < tunnelCount || !controllers.Idle)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token).ConfigureAwait(false);
        }

        return controllers;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(queues.Select(q => q.StopAsync())).ConfigureAwait(false);
        foreach (var watch in watches)
        {
            try
            {
                await watch.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped: the watch's end.
            }
        }

        stopping.Dispose();
    }
}
