using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using CfSync.Comparison.Benchmarks;
using CfSync.Comparison.Benchmarks.Scale;

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
var workerPeaks = new List<ProcessPeak>();

// Scale: one tunnel of 10,000 rules, many tunnels, three workers on one task hub (their extra hosts' peaks in workerPeaks).
Console.WriteLine("Scale...");
scale.AddRange(await ScaleScenarios.RunAsync(options, workerPeaks));

string[] stackProcesses = ["localhost", "bridge", "emulator", "cluster"];
var processes = stackProcesses
    .Select(name => new ProcessPeak(name, MachineReadings.PeakBytes(options.ProcessId(name)) ?? 0))
    .Concat(workerPeaks)
    .Append(new ProcessPeak("harness (baseline controllers, load)", Process.GetCurrentProcess().PeakWorkingSet64))
    .ToList();
var results = new ComparisonResults(
    options.Started, options.Command, machine, race, budget, latency, series, chaos, scale, processes,
    (DateTimeOffset.UtcNow - options.Started).TotalSeconds);
var json = new JsonSerializerOptions { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };
await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "results.json"), JsonSerializer.Serialize(results, json));
Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F0} s; results: {Path.Combine(options.OutputDirectory, "results.json")}");
return 0;
