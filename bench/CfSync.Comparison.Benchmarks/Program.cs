using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Comparison.Benchmarks;
using CfSync.Comparison.Benchmarks.Baseline;
using CfSync.Comparison.Benchmarks.Report;
using CfSync.Comparison.Benchmarks.Scale;
using CfSync.Comparison.Benchmarks.Sustained;
using k8s;

// NaN stands for "not reached" (a percentile of nothing, a system that never settled); the report prints n/a.
var json = new JsonSerializerOptions
{
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    Converters = { new JsonStringEnumConverter() },
};

// Re-renders the report of a run from its results.json (a committed run's, say) without running anything.
if (args is ["--report-only", var resultsFile, "--report", var reportDirectory])
{
    var saved = JsonSerializer.Deserialize<ComparisonResults>(await File.ReadAllTextAsync(resultsFile), json)
        ?? throw new InvalidDataException($"{resultsFile} holds no results.");
    Console.WriteLine($"Report: {ComparisonReport.Write(saved, reportDirectory)}");
    return 0;
}

// scripts/bench-compare.sh starts the stack and passes every argument.
ComparisonOptions options;
try
{
    options = ComparisonOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(ComparisonOptions.Usage);
    return 2;
}

var clock = Stopwatch.StartNew();
var machine = MachineReadings.Describe();
var race = new List<RaceResult>();
var budget = new List<BudgetResult>();
var latency = new List<LatencyResult>();
var series = new List<TimeSeries>();
var chaos = new List<ChaosResult>();
var scale = new List<ScaleResult>();
var phaseFailures = new List<PhaseFailure>();
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
var emulator = new EmulatorControlClient(http, options.Emulator);
using var cfsyncCluster = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig));
using var baselineCluster = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(options.BaselineKubeconfig));
var backlog = new EngineBacklog(options.StorageConnection, options.TaskHub());

// The sustained load runs last: it spends CfSync's account budget for the next five minutes, which would slow the rest.
// Chaos first, on the samples' cluster: a new bridge leader, or the bridge after the API server's outage, lists every
// object again, and the race's and the burst's 2,000 objects (CfSync's stay until the stack ends) would add their
// re-translation to each of those faults' times. Every fault is measured to Cloudflare equal to the render of the
// final manifests; every wait of a fault is bounded by its own limit (and every command by Commands.Limit), so no
// timeout over the whole family cuts off the faults that did run.
chaos.AddRange(await PhaseAsync("chaos", () => CfSync.Comparison.Benchmarks.Chaos.ChaosScenarios.RunAsync(options, http, CancellationToken.None)) ?? []);

// Race: the tunnel settings and K rule sources at once, CfSync and the baseline's controllers (Baseline/) side by side.
race.AddRange(await PhaseAsync("race", () => RaceScenario.RunAsync(options, http, CancellationToken.None)) ?? []);

// Budget: the 1,000-change burst over 10 tunnels, both systems side by side.
budget.AddRange(await PhaseAsync("burst", () => BurstScenario.RunAsync(options, http, CancellationToken.None)) ?? []);

// Scale: one tunnel of 10,000 rules, many tunnels, three workers on one task hub (their extra hosts' peaks in
// workerPeaks), one of them killed mid-sync (a chaos result).
var workerPeaks = new List<ProcessPeak>();
scale.AddRange(await PhaseAsync("scale", () => ScaleScenarios.RunAsync(options, http, cfsyncCluster, workerPeaks, chaos)) ?? []);

// The sustained load's baseline side: the seed's controllers watching the baseline's cluster while it runs.
await PhaseAsync("sustained", async () =>
{
    await using (await BaselineControllers.StartAsync(baselineCluster, new TunnelConfigurationApi(http, options.EmulatorApi, options.TakeBaselineToken()), 0, CancellationToken.None))
    {
        await new SustainedScenario(options, emulator, cfsyncCluster, baselineCluster).RunAsync(budget, latency, series, CancellationToken.None);
    }

    return true;
});

string[] stackProcesses = ["localhost", "bridge", "emulator", "cluster"];
var processes = stackProcesses
    .Select(name => new ProcessPeak(name, MachineReadings.PeakBytes(options.ProcessId(name)) ?? 0))
    .Concat(workerPeaks)
    .Append(new ProcessPeak("harness (baseline controllers, load)", Process.GetCurrentProcess().PeakWorkingSet64))
    .ToList();
var results = new ComparisonResults(
    options.Started, options.Command, machine, race, budget, latency, series, chaos, scale, processes,
    (DateTimeOffset.UtcNow - options.Started).TotalSeconds, phaseFailures);
await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "results.json"), JsonSerializer.Serialize(results, json));
Console.WriteLine($"Report: {ComparisonReport.Write(results, options.ReportDirectory)}");
Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F0} s; results: {Path.Combine(options.OutputDirectory, "results.json")}");
var failures = ComparisonChecks.Failures(results);
foreach (var failure in failures)
{
    Console.Error.WriteLine($"check failed: {failure}");
}

return failures.Count == 0 ? 0 : 1;

// Each scenario family starts on an idle engine (bounded: what the last one left queued would slow this one's
// figures) and an empty journal (the last one's is not its own, and the baseline's whole configurations run to
// hundreds of MB); its start and end are logged with the run's clock.
async Task<T?> PhaseAsync<T>(string name, Func<Task<T>> run)
{
    if (!options.Families.Contains(name))
    {
        Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {name}: skipped (--only)");
        return default;
    }

    var drain = Stopwatch.StartNew();
    var drained = await backlog.WaitDrainedAsync(TimeSpan.FromMinutes(options.Smoke ? 1 : 3), CancellationToken.None);
    await emulator.ClearJournalAsync();
    Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {name}: started (load average {MachineReadings.LoadAverage()}; " +
        $"{(drained ? "engine idle" : "the engine still had work queued")} after {drain.Elapsed.TotalSeconds:F0} s)");
    try
    {
        var result = await run();
        Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {name}: done");
        return result;
    }
    catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or OperationCanceledException or k8s.Autorest.HttpOperationException or IOException)
    {
        // One family's failure must not lose the others' figures; it is reported and fails the run's checks.
        Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] {name}: FAILED: {e}");
        phaseFailures.Add(new PhaseFailure(name, e.Message));
        return default;
    }
}
