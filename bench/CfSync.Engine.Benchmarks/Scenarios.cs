using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using CfSync.Cloudflare.Emulator;
using CfSync.Core.Fragments;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Hosting.Dtfx;
using CfSync.Sync;
using CfSync.Sync.Entities;
using CfSync.Testing;

namespace CfSync.Engine.Benchmarks;

/// <summary>The engine under load, each scenario on its own task hub with the default debounce (1 s quiet, 10 s max).</summary>
internal static class Scenarios
{
    private static long sequence;

    /// <summary>The registration of bench source <paramref name="i"/>: one ingress rule; each call is a newer version.</summary>
    public static SourceRegistration Registration(int i) =>
        new(new Source("Ingress", "bench", $"app-{i}"),
            new SourceVersion($"uid-{i}", Interlocked.Increment(ref sequence)),
            new IngressRulesFragment([new IngressRule($"r{i}.example.com", null, $"http://app-{i}.bench.svc:80")]));

    /// <summary>
    /// As fast as producers can: how many registrations per second the entities take. With <paramref name="batch"/> > 1
    /// each producer step sends that many sources of one tunnel at once, one signal each, or all in one RegisterConfigs
    /// signal when <paramref name="oneSignal"/>.
    /// </summary>
    public static async Task ThroughputAsync(BenchmarkReport report, int producers, int tunnels, int registrations, int batch = 1, bool oneSignal = false)
    {
        await using var run = await Run.StartAsync();
        var ids = Enumerable.Range(0, tunnels).Select(_ => run.Rig.NewTunnel()).ToArray();
        await Task.WhenAll(ids.Select(id => run.SettingsAsync(id)));
        var chunks = registrations / batch;
        using var counters = new EngineCounters();
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, producers).Select(async _ =>
        {
            int chunk;
            while ((chunk = Interlocked.Increment(ref next)) < chunks)
            {
                var indices = Enumerable.Range(chunk * batch, batch);
                await (oneSignal ? run.RulesInOneSignalAsync(ids[chunk % tunnels], indices) : run.RulesAsync(ids[chunk % tunnels], indices));
            }
        }));
        var sent = clock.Elapsed;
        await Task.WhenAll(ids.Select((id, t) => run.WaitForSourcesAsync(id, 1 + (batch * Enumerable.Range(0, chunks).Count(c => c % tunnels == t)))));
        var taken = clock.Elapsed;
        await Task.WhenAll(ids.Select(id => run.WaitForSyncedAsync(id, 1)));
        report.Add($"throughput: {chunks * batch} registrations from {producers} producers over {tunnels} tunnels, {batch} per producer step{(oneSignal ? " in one signal" : "")}, " +
                   $"{run.MaxConcurrentEntities} entity work items at a time: sent in {sent.TotalSeconds:F1} s, " +
                   $"all taken by the entities in {taken.TotalSeconds:F1} s = {chunks * batch / taken.TotalSeconds:F0} registrations/s sustained; until synced: {counters.Per(chunks * batch)}");
    }

    /// <summary>A steady rate: time from a registration to the PUT that first carries it.</summary>
    public static async Task LatencyAsync(BenchmarkReport report, int ratePerSecond, int seconds, int tunnels)
    {
        await using var run = await Run.StartAsync();
        var ids = Enumerable.Range(0, tunnels).Select(_ => run.Rig.NewTunnel()).ToArray();
        await Task.WhenAll(ids.Select(id => run.SettingsAsync(id)));
        await Task.WhenAll(ids.Select(id => run.WaitForSourcesAsync(id, 1)));

        var sentAt = new ConcurrentDictionary<string, DateTimeOffset>();
        var total = ratePerSecond * seconds;
        var start = Stopwatch.StartNew();
        var pending = new List<Task>();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / ratePerSecond);
            if (due > start.Elapsed)
            {
                await Task.Delay(due - start.Elapsed);
            }

            sentAt[$"r{i}.example.com"] = DateTimeOffset.UtcNow;
            pending.Add(run.RuleAsync(ids[i % tunnels], i));
        }

        await Task.WhenAll(pending);
        await Task.WhenAll(ids.Select(id => run.WaitForSourcesAsync(id, 1 + (total / tunnels))));
        await Task.Delay(TimeSpan.FromSeconds(12)); // let the last windows flush

        var firstPut = new Dictionary<string, DateTimeOffset>();
        foreach (var put in run.Rig.Emulator.Journal.Snapshot().Where(e => e.Method == "PUT" && e.Status == 200).OrderBy(e => e.Timestamp))
        {
            foreach (var rule in JsonNode.Parse(put.RequestBody!)!["config"]!["ingress"]!.AsArray())
            {
                if ((string?)rule!["hostname"] is { } host)
                {
                    firstPut.TryAdd(host, put.Timestamp);
                }
            }
        }

        var latencies = sentAt.Where(p => firstPut.ContainsKey(p.Key)).Select(p => (firstPut[p.Key] - p.Value).TotalSeconds).Order().ToList();
        var puts = run.Rig.Emulator.Journal.Snapshot().Count(e => e.Method == "PUT");
        report.Add($"latency at {ratePerSecond}/s for {seconds} s over {tunnels} tunnels ({ratePerSecond / (double)tunnels:F0}/s per tunnel): " +
                   $"register-to-PUT p50 {BenchmarkReport.Percentile(latencies, 50):F2} s, p99 {BenchmarkReport.Percentile(latencies, 99):F2} s, max {latencies.LastOrDefault():F2} s; " +
                   $"{latencies.Count}/{total} rules reached Cloudflare; {puts} PUTs");
    }

    /// <summary>A burst of registrations to one tunnel (<paramref name="batch"/> per producer step): how many PUTs it costs.</summary>
    public static async Task BurstAsync(BenchmarkReport report, int size, int batch = 1)
    {
        await using var run = await Run.StartAsync();
        var id = run.Rig.NewTunnel();
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            int chunk;
            while ((chunk = Interlocked.Increment(ref next)) * batch < size)
            {
                await run.RulesAsync(id, Enumerable.Range(chunk * batch, Math.Min(batch, size - (chunk * batch))));
            }
        }).Append(run.SettingsAsync(id)));
        var sent = clock.Elapsed;
        var state = await run.WaitForSyncedAsync(id, size + 1);
        var puts = run.Rig.PutsTo(id);
        var last = JsonNode.Parse(puts[^1].RequestBody!)!["config"]!["ingress"]!.AsArray().Count - 1;
        report.Add($"burst of {size} registrations to one tunnel, {batch} per producer step: sent in {sent.TotalSeconds:F1} s, synced after {clock.Elapsed.TotalSeconds:F1} s, " +
                   $"{puts.Count} PUT(s), last PUT carried {last} rules, entity syncs {state.SyncCount}");
    }

    /// <summary>One engine on a fresh task hub, deleted afterwards.</summary>
    internal sealed class Run : IAsyncDisposable
    {
        private readonly DtfxHostOptions options;

        private Run(DtfxHostOptions options, EngineRig rig) => (this.options, Rig) = (options, rig);

        public EngineRig Rig { get; }

        public int MaxConcurrentEntities => options.MaxConcurrentEntities;

        /// <summary>
        /// CFSYNC_BENCH_MAX_CONCURRENT_ENTITIES overrides the host's entity concurrency, to compare settings;
        /// <paramref name="sync"/> and <paramref name="emulator"/> change the engine's and the emulator's defaults.
        /// </summary>
        public static async Task<Run> StartAsync(Action<SyncOptions>? sync = null, EmulatorOptions? emulator = null)
        {
            var options = new DtfxHostOptions
            {
                ConnectionString = Azurite.ConnectionString,
                TaskHubName = TaskHubNames.Unique("bench"),
                PartitionCount = 4,
                MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
            };
            if (Environment.GetEnvironmentVariable("CFSYNC_BENCH_MAX_CONCURRENT_ENTITIES") is { Length: > 0 } entities)
            {
                options.MaxConcurrentEntities = int.Parse(entities, System.Globalization.CultureInfo.InvariantCulture);
            }

            return new Run(options, await EngineRig.StartAsync(options, sync ?? (_ => { }), emulatorOptions: emulator));
        }

        public Task SettingsAsync(string tunnelId) =>
            Rig.Host.Client.RegisterConfigAsync(new ResourceIdentity(ResourceType.TunnelConfiguration, tunnelId),
                new SourceRegistration(new Source("ClusterTunnel", null, $"t{tunnelId[..8]}"), new SourceVersion("t", Interlocked.Increment(ref sequence)), new TunnelSettingsFragment(true))
                {
                    Scope = new ResourceScope(EngineRig.AccountId),
                });

        public Task RuleAsync(string tunnelId, int i) =>
            Rig.Host.Client.RegisterConfigAsync(new ResourceIdentity(ResourceType.TunnelConfiguration, tunnelId), Registration(i));

        /// <summary>One signal per registration, sent together (the batch operation is gone: each source's entity signals on its own).</summary>
        public Task RulesAsync(string tunnelId, IEnumerable<int> indices) =>
            Task.WhenAll(indices.Select(i => Rig.Host.Client.RegisterConfigAsync(new ResourceIdentity(ResourceType.TunnelConfiguration, tunnelId), Registration(i))));

        public Task RulesInOneSignalAsync(string tunnelId, IEnumerable<int> indices) =>
            Rig.Host.Client.RegisterConfigsAsync(new ResourceIdentity(ResourceType.TunnelConfiguration, tunnelId), [.. indices.Select(Registration)]);

        public Task<ResourceSyncState> WaitForSourcesAsync(string tunnelId, int count) =>
            Rig.WaitForStateAsync(tunnelId, state => state.Sources.Count >= count, TimeSpan.FromMinutes(10), $"{count} sources on {tunnelId}");

        public Task<ResourceSyncState> WaitForSyncedAsync(string tunnelId, int count) =>
            Rig.WaitForStateAsync(
                tunnelId,
                state => state is { SyncStatus: SyncStatus.Synced, InFlight: null, Permit: null, Debounce.DirtySince: null } && state.Sources.Count >= count,
                TimeSpan.FromMinutes(10),
                $"{tunnelId} synced with {count} sources");

        public async ValueTask DisposeAsync()
        {
            await Rig.DisposeAsync();
            await DtfxTaskHub.DeleteAsync(options);
        }
    }
}
