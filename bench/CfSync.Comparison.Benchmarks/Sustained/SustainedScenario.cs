using System.Diagnostics;
using Azure.Storage.Queues;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Comparison.Benchmarks.Workload;
using CfSync.Core.Resources;
using CfSync.Sync;
using CfSync.Sync.Applying;
using CfSync.Sync.Budget;
using k8s;

namespace CfSync.Comparison.Benchmarks.Sustained;

/// <summary>
/// Many tunnels changing once per second each, sent to both systems at the same time (each its own cluster and tunnels,
/// one emulator): Cloudflare calls and 429s per system, the most calls in any 5-minute window, change-to-apply latency,
/// and staleness (age of the oldest unapplied change, worst tunnel) and CfSync's change-queue depth over time.
/// </summary>
internal sealed class SustainedScenario(ComparisonOptions options, EmulatorControlClient emulator, IKubernetes cfsync, IKubernetes baseline)
{
    private static readonly TimeSpan SetUpLimit = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan BaselineSettle = TimeSpan.FromSeconds(15);

    // One sync's own time in the bound: a permit's round trip, the orchestration and its calls, on the loaded machine.
    private static readonly TimeSpan SyncAllowance = TimeSpan.FromSeconds(30);

    public async Task RunAsync(ICollection<BudgetResult> budget, ICollection<LatencyResult> latency, ICollection<TimeSeries> series, CancellationToken cancellationToken)
    {
        // The full run's wait before the load is short: its 5 minutes take a third of the harness's 15.
        var (tunnels, duration) = options.Smoke ? (5, TimeSpan.FromSeconds(20)) : (100, TimeSpan.FromMinutes(5));
        // After the load CfSync is given what it promises (a change still missing then breaks the promise); the baseline,
        // reported and not checked, 15 s, or as long as CfSync takes (both are read from one journal).
        var settle = new Dictionary<SystemKind, TimeSpan> { [SystemKind.CfSync] = StalenessBound(tunnels), [SystemKind.Baseline] = BaselineSettle };
        var name = $"{tunnels} tunnels x 1 change/s for {duration.TotalSeconds:F0} s";
        Console.WriteLine($"Sustained: {name}, both systems at once...");
        var loads = new Dictionary<SystemKind, SustainedLoad>
        {
            [SystemKind.CfSync] = new("sus-cf", tunnels, options.Kubeconfig, cfsync),
            [SystemKind.Baseline] = new("sus-bl", tunnels, options.BaselineKubeconfig, baseline),
        };
        var baselineIds = loads[SystemKind.Baseline].TunnelIds.ToHashSet(StringComparer.Ordinal);
        var cfsyncIds = loads[SystemKind.CfSync].TunnelIds.ToHashSet(StringComparer.Ordinal);
        var setUp = DateTimeOffset.UtcNow;
        foreach (var load in loads.Values)
        {
            await load.SetUpAsync(emulator, options.OutputDirectory, cancellationToken).ConfigureAwait(false);
        }

        // Both systems apply the set-up (every tunnel's version 0) first, bounded: the first syncs are not part of the load.
        var initial = loads.ToDictionary(p => p.Key, p => (IReadOnlyList<TunnelChange>)[.. p.Value.TunnelIds.Select(id => new TunnelChange(id, 0, setUp))]);
        var (setUpIn, _) = await SettleAsync(initial, setUp, loads.Keys.ToDictionary(k => k, _ => SetUpLimit)).ConfigureAwait(false);
        var notSetUp = loads.Keys.Where(k => !setUpIn.ContainsKey(k)).ToList();
        Console.WriteLine($"Sustained: set-up applied by {string.Join(", ", setUpIn.Select(p => $"{p.Key} in {p.Value:F0} s"))}" +
            (notSetUp.Count > 0 ? $", not yet by {string.Join(", ", notSetUp)} after {SetUpLimit.TotalSeconds:F0} s" : string.Empty) + "; the load starts");
        var from = DateTimeOffset.UtcNow;
        var queue = new QueueClient(options.StorageConnection, ComparisonOptions.ChangeQueue);
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var depth = SampleQueueDepthAsync(queue, from, stopSampling.Token);
        var sent = await Task.WhenAll(loads.Values.Select(l => l.RunAsync(TimeSpan.FromSeconds(1), duration, cancellationToken))).ConfigureAwait(false);
        var changes = loads.Keys.Zip(sent).ToDictionary(p => p.First, p => p.Second);
        var sentFor = DateTimeOffset.UtcNow - from;

        // Settled: every tunnel's newest version applied, or the system's limit passed (the baseline may never get there).
        var (settled, journal) = await SettleAsync(changes, from, settle).ConfigureAwait(false);
        Console.WriteLine($"Sustained: after the load, {string.Join(", ", loads.Keys.Select(k => settled.TryGetValue(k, out var t) ? $"{k} applied everything in {t:F0} s" : $"{k} had not after {settle[k].TotalSeconds:F0} s"))}");

        await stopSampling.CancelAsync().ConfigureAwait(false);
        var length = DateTimeOffset.UtcNow - from;
        series.Add(new TimeSeries(name, "change queue depth", SystemKind.CfSync, await depth.ConfigureAwait(false)));
        foreach (var (system, list) in changes)
        {
            var writes = Writes(system, journal, from);
            var delays = list.Select(c => writes.AppliedAt(c.TunnelId, c.Version, c.Returned) is { } at ? (at - c.Returned).TotalSeconds : (double?)null).ToList();
            budget.Add(new BudgetResult(
                name, system, list.Count, delays.Count(d => d is null), writes.Calls.Calls.Count, writes.Calls.TooManyRequests, writes.Calls.MaxInAnyWindow(),
                TunnelCalls.Limit, settled.TryGetValue(system, out var s) ? s : double.NaN));
            latency.Add(new LatencyResult(name, system, delays.OfType<double>().ToList(), delays.Count(d => d is null), list.Count / sentFor.TotalSeconds));
            series.Add(new TimeSeries(name, "staleness, worst tunnel (s)", system, writes.Staleness(list, length)));
            series.Add(new TimeSeries(name, "Cloudflare calls/s", system, writes.CallsPerSecond(length)));
        }

        foreach (var load in loads.Values)
        {
            await load.TearDownAsync(options.OutputDirectory, cancellationToken).ConfigureAwait(false);
        }

        // Until every system applied its changes' newest versions or is past its limit: the seconds each took, and the journal.
        async Task<(Dictionary<SystemKind, double> Settled, IReadOnlyList<JournalEntry> Journal)> SettleAsync(
            IReadOnlyDictionary<SystemKind, IReadOnlyList<TunnelChange>> made, DateTimeOffset since, IReadOnlyDictionary<SystemKind, TimeSpan> limits)
        {
            var done = new Dictionary<SystemKind, double>();
            var clock = Stopwatch.StartNew();
            var view = new JournalView(emulator, e => e.Timestamp >= since);
            while (true)
            {
                var read = await view.ReadAsync(cancellationToken).ConfigureAwait(false);
                foreach (var (system, list) in made)
                {
                    if (!done.ContainsKey(system) && Writes(system, read, since).AllApplied(list))
                    {
                        done[system] = clock.Elapsed.TotalSeconds;
                    }
                }

                if (made.Keys.All(k => done.ContainsKey(k) || clock.Elapsed > limits[k]))
                {
                    return (done, read);
                }

                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            }
        }

        TunnelWrites Writes(SystemKind system, IReadOnlyList<JournalEntry> journal, DateTimeOffset from) => system == SystemKind.Baseline
            ? TunnelWrites.Of(journal, from, e => TunnelCalls.TunnelOf(e.Path) is { } id && baselineIds.Contains(id))
            // CfSync's calls: its tunnels and the DNS records it keeps for their hostnames (the baseline keeps none).
            : TunnelWrites.Of(journal, from, e => TunnelCalls.TunnelOf(e.Path) is { } id ? cfsyncIds.Contains(id) : e.Path.Contains("/dns_records", StringComparison.Ordinal));
    }

    /// <summary>
    /// CfSync's staleness bound at the engine's defaults (docs/sync-engine.md, "The staleness bound"): the debounce's max
    /// wait, then <c>ceil(R*c/Ls)</c> budget slices for a round over every tunnel's configuration and DNS records at
    /// their permit costs, then one sync (<see cref="SyncAllowance"/>).
    /// </summary>
    private static TimeSpan StalenessBound(int tunnels)
    {
        var sync = new SyncOptions();
        var round = tunnels * (PermitCosts.Of(ResourceType.TunnelConfiguration, ApplyPurpose.Change) + PermitCosts.Of(ResourceType.TunnelDnsRecords, ApplyPurpose.Change));
        var slices = (int)Math.Ceiling((double)round / sync.AccountBudget.SliceLimit);
        return sync.DebounceMaxWait + (sync.AccountBudget.Slice * slices) + SyncAllowance;
    }

    private static async Task<IReadOnlyList<SeriesPoint>> SampleQueueDepthAsync(QueueClient queue, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var points = new List<SeriesPoint>();
        try
        {
            while (true)
            {
                var properties = await queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
                points.Add(new SeriesPoint((DateTimeOffset.UtcNow - from).TotalSeconds, properties.Value.ApproximateMessagesCount));
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return points; // sampling ends with the scenario
        }
    }
}
