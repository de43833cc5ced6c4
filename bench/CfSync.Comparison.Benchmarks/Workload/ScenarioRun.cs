using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Core.Resources;
using CfSync.Kubernetes.SyncStates;
using CfSync.Comparison.Benchmarks.Baseline;
using k8s;

namespace CfSync.Comparison.Benchmarks.Workload;

/// <summary>
/// One system's part of a scenario: its tunnels seeded in the emulator and set up in its cluster (CfSync's, or the
/// baseline's with the baseline's controllers started), settled before the changes begin; disposing stops the
/// controllers and deletes what the scenario created.
/// </summary>
internal sealed class ScenarioRun : IAsyncDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(4);

    private readonly EmulatorControlClient emulator;
    private readonly IKubernetes kubernetes;
    private readonly BaselineControllers? controllers;
    private readonly QueueClient? changes;

    private ScenarioRun(ComparisonOptions options, SystemKind system, EmulatorControlClient emulator, IKubernetes kubernetes, TunnelWorkload workload, IReadOnlyList<WorkloadTunnel> tunnels, BaselineControllers? controllers)
    {
        System = system;
        this.emulator = emulator;
        this.kubernetes = kubernetes;
        Workload = workload;
        Tunnels = tunnels;
        this.controllers = controllers;
        changes = controllers is null ? new QueueClient(options.StorageConnection, ComparisonOptions.ChangeQueue) : null;
    }

    public SystemKind System { get; }

    public TunnelWorkload Workload { get; }

    public IReadOnlyList<WorkloadTunnel> Tunnels { get; }

    public IReadOnlyCollection<string> TunnelIds => [.. Tunnels.Select(t => t.TunnelId)];

    /// <summary>The baseline's own count of the 429s it got (the journal's count is the figure; this cross-checks it).</summary>
    public int? BaselineTooManyRequests => controllers?.TooManyRequests;

    public static async Task<ScenarioRun> StartAsync(
        ComparisonOptions options, SystemKind system, HttpClient http, string objectNamespace, IReadOnlyList<WorkloadTunnel> tunnels, CancellationToken cancellationToken)
    {
        var emulator = new EmulatorControlClient(http, options.Emulator);
        var kubernetes = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(system == SystemKind.CfSync ? options.Kubeconfig : options.BaselineKubeconfig));
        var workload = new TunnelWorkload(kubernetes, objectNamespace);
        // What earlier scenarios left in the journal is not this run's; reading it every second would be slow.
        await emulator.ClearJournalAsync(cancellationToken).ConfigureAwait(false);
        var since = DateTimeOffset.UtcNow;
        await TunnelWorkload.SeedAsync(emulator, tunnels, cancellationToken).ConfigureAwait(false);
        await workload.SetUpAsync(tunnels, cancellationToken).ConfigureAwait(false);
        var controllers = system == SystemKind.Baseline
            ? await BaselineControllers.StartAsync(kubernetes, new TunnelConfigurationApi(http, options.EmulatorApi, options.TakeBaselineToken()), tunnels.Count, cancellationToken).ConfigureAwait(false)
            : null;
        var run = new ScenarioRun(options, system, emulator, kubernetes, workload, tunnels, controllers);
        await run.SettleAsync(since, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        return run;
    }

    /// <summary>
    /// Until no write for the tunnels for a few seconds and the system is idle (the baseline: its controllers' queues
    /// empty; CfSync: its change queue empty and every tunnel's CloudflareSyncState Synced), or the timeout; then the
    /// calls since <paramref name="since"/>. CfSync's writes are read from the journal; the baseline's from its own
    /// client, so its large journal is read once, not every second.
    /// </summary>
    public async Task<(TunnelCalls Calls, bool Settled)> SettleAsync(DateTimeOffset since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Func<CancellationToken, Task<(DateTimeOffset?, bool)>> probe = controllers is { } baseline
            ? _ => Task.FromResult((baseline.LastPut, baseline.Idle))
            : async token => ((await TunnelCalls.ReadAsync(emulator, TunnelIds, since, token).ConfigureAwait(false)).LastWrite, await CfSyncIdleAsync(token).ConfigureAwait(false));
        var settled = await TunnelCalls.SettleAsync(probe, since, Quiet, timeout, cancellationToken).ConfigureAwait(false);
        return (await TunnelCalls.ReadAsync(emulator, TunnelIds, since, cancellationToken).ConfigureAwait(false), settled);
    }

    /// <summary>CfSync has nothing left to do for these tunnels: no change message waiting, every tunnel Synced.</summary>
    private async Task<bool> CfSyncIdleAsync(CancellationToken cancellationToken)
    {
        if ((await changes!.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount > 0)
        {
            return false;
        }

        foreach (var id in TunnelIds)
        {
            object state;
            try
            {
                state = await kubernetes.CustomObjects.GetClusterCustomObjectAsync(
                    SyncStateNames.Group, SyncStateNames.Version, SyncStateNames.Plural,
                    SyncStateNames.For(new ResourceIdentity(ResourceType.TunnelConfiguration, id)), cancellationToken).ConfigureAwait(false);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return false; // no sync mirrored yet
            }

            if (JsonSerializer.SerializeToNode(state)?["status"]?["syncStatus"]?.GetValue<string>() != "Synced")
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
        }

        await Workload.DeleteAsync(Tunnels, CancellationToken.None).ConfigureAwait(false);
        // The baseline's journal runs to hundreds of MB at K = 1,000; the next run reads only its own calls.
        await emulator.ClearJournalAsync(CancellationToken.None).ConfigureAwait(false);
        kubernetes.Dispose();
    }
}
