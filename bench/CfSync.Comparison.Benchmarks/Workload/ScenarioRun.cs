using System.Globalization;
using Azure.Storage.Queues;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Comparison.Benchmarks.Baseline;
using k8s;

namespace CfSync.Comparison.Benchmarks.Workload;

/// <summary>
/// One system's part of a scenario: its tunnels seeded in the emulator and set up in its cluster (CfSync's, or the
/// baseline's with the baseline's controllers started), settled before the changes begin. Disposing stops the
/// baseline's controllers and deletes its objects: the next run's controllers start as a fresh deployment, which would
/// reconcile every Ingress left in the cluster. CfSync's objects stay (each run has a namespace and tunnels of its
/// own), since deleting 1,000 Ingresses would keep CfSync busy for minutes of the next scenario's time; the stack and
/// its clusters end with the harness.
/// </summary>
internal sealed class ScenarioRun : IAsyncDisposable
{
    // How long without a write, once idle, counts as settled. CfSync's idle (change queue empty, every tunnel Synced)
    // lags what is already on its way through the engine; the baseline's (its controllers' own queues) does not.
    private static readonly TimeSpan CfSyncQuiet = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan BaselineQuiet = TimeSpan.FromSeconds(2);

    private readonly IKubernetes kubernetes;
    private readonly JournalView journal;
    private readonly BaselineControllers? controllers;
    private readonly QueueClient? changes;

    private ScenarioRun(ComparisonOptions options, JournalView journal, IKubernetes kubernetes, TunnelWorkload workload, IReadOnlyList<WorkloadTunnel> tunnels, BaselineControllers? controllers)
    {
        this.journal = journal;
        this.kubernetes = kubernetes;
        Workload = workload;
        Tunnels = tunnels;
        this.controllers = controllers;
        changes = controllers is null ? new QueueClient(options.StorageConnection, ComparisonOptions.ChangeQueue) : null;
    }

    public TunnelWorkload Workload { get; }

    public IReadOnlyList<WorkloadTunnel> Tunnels { get; }

    /// <summary>The baseline's controllers have work left, all of it waiting out retry-afters (Cloudflare's limit).</summary>
    public bool BaselineStalled => controllers?.Stalled ?? false;

    /// <summary>The baseline's own count of the 429s it got (the journal's count is the figure; this cross-checks it).</summary>
    public int? BaselineTooManyRequests => controllers?.TooManyRequests;

    /// <summary>Seeds the tunnels, sets up their objects with Ingresses as the rule sources, starts the baseline if it runs, and waits until it settles.</summary>
    public static Task<ScenarioRun> StartAsync(
        ComparisonOptions options, SystemKind system, HttpClient http, string objectNamespace, IReadOnlyList<WorkloadTunnel> tunnels, CancellationToken cancellationToken) =>
        StartAsync(options, system, http, objectNamespace, tunnels, [RuleSourceKind.Ingress], cancellationToken);

    /// <summary>As above, with the rule sources of <paramref name="kinds"/> (their parent objects set up per tunnel).</summary>
    public static async Task<ScenarioRun> StartAsync(
        ComparisonOptions options, SystemKind system, HttpClient http, string objectNamespace, IReadOnlyList<WorkloadTunnel> tunnels,
        IReadOnlyCollection<RuleSourceKind> kinds, CancellationToken cancellationToken)
    {
        var emulator = new EmulatorControlClient(http, options.Emulator);
        var kubernetes = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(system == SystemKind.CfSync ? options.Kubeconfig : options.BaselineKubeconfig));
        var workload = new TunnelWorkload(kubernetes, objectNamespace, kinds);
        var since = DateTimeOffset.UtcNow;
        IReadOnlyCollection<string> ids = [.. tunnels.Select(t => t.TunnelId)];
        var journal = new JournalView(emulator, e => e.Timestamp >= since && TunnelCalls.Names(ids, e));
        await TunnelWorkload.SeedAsync(emulator, tunnels, cancellationToken).ConfigureAwait(false);
        await workload.SetUpAsync(tunnels, cancellationToken).ConfigureAwait(false);
        var controllers = system == SystemKind.Baseline
            ? await BaselineControllers.StartAsync(kubernetes, new TunnelConfigurationApi(http, options.EmulatorApi, options.TakeBaselineToken()), tunnels.Count, cancellationToken).ConfigureAwait(false)
            : null;
        var run = new ScenarioRun(options, journal, kubernetes, workload, tunnels, controllers);
        await run.SettleAsync(since, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        return run;
    }

    /// <summary>
    /// Until no write for the tunnels for a few seconds and the system is idle (the baseline: its controllers' queues
    /// empty, or stalled on Cloudflare's limit for minutes: <see cref="BaselineStalled"/>; CfSync: its change queue empty
    /// and every tunnel's CloudflareSyncState Synced), or the timeout; then the
    /// calls since <paramref name="since"/>. CfSync's writes are read from the journal; the baseline's from its own
    /// client, so its large calls are fetched once, not every second.
    /// </summary>
    public async Task<(TunnelCalls Calls, bool Settled)> SettleAsync(DateTimeOffset since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Func<CancellationToken, Task<(DateTimeOffset?, bool)>> probe = controllers is { } baseline
            ? _ => Task.FromResult((baseline.LastPut, baseline.Idle || baseline.Stalled))
            : async token => ((await CallsAsync(since, token).ConfigureAwait(false)).LastWrite, await CfSyncIdleAsync(token).ConfigureAwait(false));
        var settled = await TunnelCalls.SettleAsync(probe, since, controllers is null ? CfSyncQuiet : BaselineQuiet, timeout, cancellationToken).ConfigureAwait(false);
        return (await CallsAsync(since, cancellationToken).ConfigureAwait(false), settled);
    }

    /// <summary>
    /// Seconds from <paramref name="start"/> to the last write when the system settled; NaN (not reached) when the
    /// baseline stalled on Cloudflare's limit or the system did not settle in time; and how it ended, in words.
    /// </summary>
    public (double Seconds, string Words) Outcome(TunnelCalls calls, bool settled, DateTimeOffset start)
    {
        var elapsed = (DateTimeOffset.UtcNow - start).TotalSeconds;
        if (settled && !BaselineStalled)
        {
            var seconds = ((calls.LastWrite ?? start) - start).TotalSeconds;
            return (seconds, string.Create(CultureInfo.InvariantCulture, $"settled in {seconds:F1} s"));
        }

        return (double.NaN, BaselineStalled
            ? string.Create(CultureInfo.InvariantCulture, $"stalled on Cloudflare's limit {elapsed:F0} s in, every reconcile left waiting out a retry-after")
            : string.Create(CultureInfo.InvariantCulture, $"NOT settled in {elapsed:F0} s"));
    }

    private async Task<TunnelCalls> CallsAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        new([.. (await journal.ReadAsync(cancellationToken).ConfigureAwait(false)).Where(e => e.Timestamp >= since)]);

    /// <summary>CfSync has nothing left to do for these tunnels: no change message waiting, every tunnel Synced.</summary>
    private async Task<bool> CfSyncIdleAsync(CancellationToken cancellationToken)
    {
        if ((await changes!.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount > 0)
        {
            return false;
        }

        foreach (var tunnel in Tunnels)
        {
            if (await TunnelSyncStates.GetAsync(kubernetes, tunnel.TunnelId, cancellationToken).ConfigureAwait(false) is not { Synced: true })
            {
                return false;
            }
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (controllers is not null)
        {
            if (controllers.Failures > 0)
            {
                await Console.Error.WriteLineAsync($"baseline: {controllers.Failures} reconciles failed").ConfigureAwait(false);
            }

            await controllers.DisposeAsync().ConfigureAwait(false);
            await Workload.DeleteAsync(Tunnels, CancellationToken.None).ConfigureAwait(false);
        }

        kubernetes.Dispose();
    }
}
