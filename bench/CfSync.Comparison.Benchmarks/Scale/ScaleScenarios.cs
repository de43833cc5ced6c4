using System.Diagnostics;
using System.Globalization;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Comparison.Benchmarks.Workload;
using CfSync.Sync.Budget;
using CfSync.Testing.Workers;
using k8s;
using k8s.Autorest;

namespace CfSync.Comparison.Benchmarks.Scale;

/// <summary>
/// Issue 14's scale cases on run-local's stack: one tunnel with 10,000 rules, many tunnels of 10 rules, and three
/// workers on one task hub. Each case seeds its own tunnel ids, creates its objects in CfSync's dev cluster and times
/// the first create to the last configuration PUT that completed Cloudflare's copy. The cases' objects stay (idle, they
/// cost the engine nothing) until the last case ends; then all are deleted at once and the family waits (bounded) for
/// the engine to let go, so the next family is not slowed: one wait instead of one per case, whose deletions overlap.
/// </summary>
internal sealed class ScaleScenarios
{
    private readonly ComparisonOptions options;
    private readonly HttpClient http;
    private readonly ScaleCluster cluster;
    private readonly TunnelConvergence convergence;
    private readonly IReadOnlyDictionary<string, string> hostEnvironment;
    private readonly EngineBacklog backlog;

    private ScaleScenarios(ComparisonOptions options, IKubernetes kubernetes, HttpClient http)
    {
        this.options = options;
        this.http = http;
        cluster = new ScaleCluster(kubernetes);
        convergence = new TunnelConvergence(kubernetes, http, options);
        hostEnvironment = options.HostEnvironment();
        TaskHub = options.TaskHub();
        backlog = new EngineBacklog(options.StorageConnection, TaskHub);
    }

    private string TaskHub { get; }

    private TimeSpan SyncTimeout => TimeSpan.FromSeconds(options.Smoke ? 90 : 300);

    private TimeSpan CleanupTimeout => TimeSpan.FromSeconds(options.Smoke ? 45 : 60);

    /// <summary>
    /// The three cases in turn; the extra workers' peak memory goes to <paramref name="workerPeaks"/>, and the chaos
    /// fault the three-worker case carries (a worker killed mid-sync) to <paramref name="chaos"/>.
    /// </summary>
    public static async Task<IReadOnlyList<ScaleResult>> RunAsync(
        ComparisonOptions options, HttpClient http, IKubernetes kubernetes, ICollection<ProcessPeak> workerPeaks, ICollection<ChaosResult> chaos)
    {
        var scenarios = new ScaleScenarios(options, kubernetes, http);
        var one = scenarios.OneTunnel();
        var many = scenarios.ManyTunnels();
        var workers = WorkersPlan();
        ScaleResult[] results =
        [
            (await scenarios.CaseAsync(one).ConfigureAwait(false)).Result,
            (await scenarios.CaseAsync(many).ConfigureAwait(false)).Result,
            await scenarios.ThreeWorkersAsync(workers, workerPeaks, chaos).ConfigureAwait(false),
        ];
        var cleanup = await scenarios.CleanUpAsync([.. one.Tunnels, .. many.Tunnels, .. workers]).ConfigureAwait(false);
        return [.. results.Select(r => r with { Detail = $"{r.Detail}; {cleanup}" })];
    }

    /// <summary>A case's tunnels, its name, a note for its detail, and what to do while it syncs (the worker kill).</summary>
    private sealed record ScaleCase(string Name, IReadOnlyList<ScaleTunnel> Tunnels, string? Detail, Func<CancellationToken, Task>? WhileSyncing = null);

    private ScaleCase OneTunnel()
    {
        // 250 Ingresses x 40 hosts (smoke: 50 x 10): one rule per hostname in one tunnel's configuration. Not 1,000 x 10:
        // deleting 1,000 Ingresses kept the engine busy for over 3 minutes on this loaded machine, too much of the
        // run's 15 minutes.
        var tunnels = ScaleTunnel.Plan(1, "one", 1, options.Smoke ? 50 : 250, options.Smoke ? 10 : 40);
        return new ScaleCase($"one tunnel, {tunnels[0].Rules:N0} rules", tunnels, Detail: null);
    }

    private ScaleCase ManyTunnels()
    {
        // The account budget grants PermitLimit calls per 5 min, paced per slice, to every tunnel together; 1,000 tunnels'
        // first PUTs (one call each) cannot fit one window, so the full 1,000 is budget-bound by design, not measured here.
        var tunnels = ScaleTunnel.Plan(2, "many", options.Smoke ? 20 : 30, 1, 10);
        var limit = int.Parse(hostEnvironment.GetValueOrDefault("CfSync__Sync__AccountBudget__PermitLimit") ?? "960", CultureInfo.InvariantCulture);
        var budget = new AccountBudgetOptions { PermitLimit = limit };
        var slices = (int)Math.Ceiling(1_000.0 / budget.SliceLimit);
        var bound = string.Create(
            CultureInfo.InvariantCulture,
            $"1,000 tunnels not run: their first PUTs (1 call each) exceed the account budget's {limit} calls per 5 min, so by design " +
            $"(docs/sync-engine.md, staleness bound D + ceil(R*c/Ls)*S) the last one waits up to {slices} x {budget.Slice.TotalSeconds:F0} s + the 10 s debounce; " +
            $"{tunnels.Count} tunnels fit one slice ({budget.SliceLimit} calls)");
        return new ScaleCase($"{tunnels.Count} tunnels x 10 rules", tunnels, bound);
    }

    // Ten tunnels in smoke too: with five, run-local's host once ran every apply of the case (no worker to kill); each
    // sync orchestration runs on an extra worker's partition with a chance of about one half.
    private static IReadOnlyList<ScaleTunnel> WorkersPlan() => ScaleTunnel.Plan(3, "workers", 10, 2, 10);

    /// <summary>
    /// Three workers on one task hub; once an extra worker has started a sync orchestration or an apply activity for
    /// one of the case's tunnels, it is killed (SIGKILL): the others must take over its partitions and every tunnel
    /// must still end whole.
    /// </summary>
    private async Task<ScaleResult> ThreeWorkersAsync(IReadOnlyList<ScaleTunnel> tunnels, ICollection<ProcessPeak> workerPeaks, ICollection<ChaosResult> chaos)
    {
        var hostId = options.ProcessId("localhost");
        var name = $"three workers on task hub {TaskHub}, {tunnels.Count} tunnels x {tunnels[0].Rules} rules";
        var workers = new List<ExtraWorker>();
        try
        {
            workers.Add(ExtraWorker.Start(options, "scale-worker-2", Path.Combine(options.OutputDirectory, "scale-worker-2.log")));
            workers.Add(ExtraWorker.Start(options, "scale-worker-3", Path.Combine(options.OutputDirectory, "scale-worker-3.log")));
            var spread = Stopwatch.StartNew();
            var owners = await PartitionLeases.ReadAsync(options.StorageConnection, TaskHub).ConfigureAwait(false);
            while (owners.Values.Distinct().Count(o => o is not null) < 3 && spread.Elapsed < TimeSpan.FromSeconds(options.Smoke ? 40 : 90)
                && workers.All(w => !w.HasExited))
            {
                await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                owners = await PartitionLeases.ReadAsync(options.StorageConnection, TaskHub).ConfigureAwait(false);
            }

            var before = string.Create(CultureInfo.InvariantCulture, $"partitions after {spread.Elapsed.TotalSeconds:F0} s: {PartitionLeases.Describe(owners)}");
            var kill = new MidSyncKill(workers, tunnels, options.StorageConnection, TaskHub);
            var (result, lastApplied) = await CaseAsync(new ScaleCase(name, tunnels, before, kill.RunAsync)).ConfigureAwait(false);
            var afterOwners = await PartitionLeases.ReadAsync(options.StorageConnection, TaskHub).ConfigureAwait(false);
            var after = PartitionLeases.Describe(afterOwners);
            chaos.Add(kill.Result(result.Correct, lastApplied, afterOwners));
            // The killed worker's /proc entry is gone: it has no reading, and none is made up for it.
            var peaks = workers
                .Select(w => MachineReadings.PeakBytes(w.ProcessId) is { } bytes ? new ProcessPeak($"{w.Name} (extra local host)", bytes) : null)
                .OfType<ProcessPeak>()
                .ToList();
            foreach (var peak in peaks)
            {
                workerPeaks.Add(peak);
            }

            var cpu = string.Join(", ", workers.Select(w => (w.Name, Id: w.ProcessId)).Prepend((Name: "run-local's host", Id: hostId))
                .Select(w => MachineReadings.CpuSeconds(w.Id) is { } seconds
                    ? string.Create(CultureInfo.InvariantCulture, $"{w.Name} {seconds:F1} s")
                    : $"{w.Name} not readable (exited)"));

            var logs = workers.Select(w => (w.Name, w.LogPath)).Prepend((Name: "run-local's host", LogPath: Path.Combine(options.RunDirectory, "localhost.log")));
            var syncs = string.Join(", ", logs.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Name} {SyncsRun(l.LogPath, tunnels)}")));
            var exited = workers.Where(w => w != kill.Victim && w.HasExited).Select(w => w.Name).ToList();
            return result with
            {
                Correct = result.Correct && exited.Count == 0,
                Detail = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{result.Detail}; partitions at the end: {after}; peaks: {string.Join(", ", peaks.Select(p => $"{p.Process} {p.PeakBytes / 1048576} MiB"))}; apply activities run: {syncs}; CPU time so far: {cpu}{ExitedNote(exited)}"),
            };
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.StopAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
                worker.Dispose();
            }
        }
    }

    /// <summary>
    /// Seeds, creates and waits for every tunnel to hold all its hostnames (bounded); the result, and when the last
    /// configuration PUT that completed Cloudflare's copy arrived.
    /// </summary>
    private async Task<(ScaleResult Result, DateTimeOffset? LastApplied)> CaseAsync(ScaleCase scaleCase)
    {
        var (name, tunnels, detail, whileSyncing) = scaleCase;
        var notes = new List<string>();
        if (!await backlog.WaitDrainedAsync(CleanupTimeout, CancellationToken.None).ConfigureAwait(false))
        {
            notes.Add("the engine still had work queued when the case started");
        }

        var control = new EmulatorControlClient(http, options.Emulator);
        await control.SeedAsync(new EmulatorSeed { Tunnels = [.. tunnels.Select(t => new SeedTunnel(TunnelManifests.AccountId, t.Id, t.Name))] }).ConfigureAwait(false);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        IReadOnlyList<ScaleTunnel> missing = tunnels;
        var detected = TimeSpan.Zero;
        ConfigurationWrites writes;
        try
        {
            using var bounded = new CancellationTokenSource(SyncTimeout);
            try
            {
                var during = whileSyncing?.Invoke(bounded.Token) ?? Task.CompletedTask;
                await cluster.CreateAsync(tunnels, bounded.Token).ConfigureAwait(false);
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"{tunnels.Sum(t => t.Ingresses + 3)} objects created in {clock.Elapsed.TotalSeconds:F1} s"));
                missing = await convergence.WaitAsync(tunnels, SyncTimeout - clock.Elapsed, bounded.Token).ConfigureAwait(false);
                await during.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (bounded.IsCancellationRequested)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"timed out after {SyncTimeout.TotalSeconds:F0} s"));
            }
        }
        catch (HttpOperationException e)
        {
            notes.Add($"the cluster refused a write: {(int)e.Response.StatusCode} {e.Response.Content}");
        }
        finally
        {
            detected = clock.Elapsed;
            writes = await convergence.WritesAsync(tunnels, CancellationToken.None).ConfigureAwait(false);
        }

        var correct = missing.Count == 0;
        var seconds = correct && writes.LastApplied is { } last ? (last - started).TotalSeconds : detected.TotalSeconds;
        notes.Insert(0, string.Create(
            CultureInfo.InvariantCulture,
            $"{(correct ? "every hostname in Cloudflare" : $"{missing.Count} of {tunnels.Count} tunnels lack hostnames")}; " +
            $"{writes.Puts} configuration PUTs ({writes.TooManyRequests} x 429)"));
        if (detail is not null)
        {
            notes.Add(detail);
        }

        return (new ScaleResult(name, correct, seconds, string.Join("; ", notes)), writes.LastApplied);
    }

    /// <summary>
    /// Deletes every case's objects and waits (bounded) until the engine has dropped their sync states and has nothing
    /// queued any more, so the next family starts on an idle engine.
    /// </summary>
    private async Task<string> CleanUpAsync(IReadOnlyList<ScaleTunnel> tunnels)
    {
        var clock = Stopwatch.StartNew();
        using var bounded = new CancellationTokenSource(CleanupTimeout * 3);
        await cluster.DeleteAsync(tunnels, bounded.Token).ConfigureAwait(false);
        var deleted = clock.Elapsed;
        var left = await convergence.WaitGoneAsync(tunnels, CleanupTimeout, bounded.Token).ConfigureAwait(false);
        var gone = clock.Elapsed;
        var drained = await backlog.WaitDrainedAsync(CleanupTimeout, bounded.Token).ConfigureAwait(false);
        var states = left == 0
            ? string.Create(CultureInfo.InvariantCulture, $"their sync states gone at {gone.TotalSeconds:F1} s")
            : string.Create(CultureInfo.InvariantCulture, $"{left} sync states still there at {gone.TotalSeconds:F0} s");
        var engine = drained
            ? string.Create(CultureInfo.InvariantCulture, $"the engine's queues empty at {clock.Elapsed.TotalSeconds:F1} s")
            : string.Create(CultureInfo.InvariantCulture, $"the engine's queues not empty at {clock.Elapsed.TotalSeconds:F0} s (slow deletion)");
        return string.Create(CultureInfo.InvariantCulture, $"cleanup of the three cases together ({tunnels.Count} tunnels): deleted in {deleted.TotalSeconds:F1} s, {states}, {engine}");
    }

    /// <summary>
    /// How many of the tunnels' apply activities a worker completed, from its log (DTFx logs each activity's end at
    /// Information as <c>'ApplyToCloudflareActivity' activity of orchestration ID 'TunnelConfiguration:{id}:sync:{n}' completed.</c>).
    /// </summary>
    private static int SyncsRun(string logPath, IReadOnlyList<ScaleTunnel> tunnels)
    {
        const string Marker = "'ApplyToCloudflareActivity' activity of orchestration ID 'TunnelConfiguration:";
        var ids = tunnels.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        return File.Exists(logPath)
            ? File.ReadLines(logPath).Count(line => line.Contains(Marker, StringComparison.Ordinal) && line.EndsWith("completed.", StringComparison.Ordinal)
                && line[(line.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..].Split(':')[0] is var id && ids.Contains(id))
            : 0;
    }

    private static string ExitedNote(List<string> exited) =>
        exited.Count == 0 ? string.Empty : $"; exited early: {string.Join(", ", exited)} (their logs are in the output folder)";
}
