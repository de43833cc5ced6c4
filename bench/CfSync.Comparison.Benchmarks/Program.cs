using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using CfSync.Comparison.Benchmarks;

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

// Chaos: faults against the CfSync stack, each measured to Cloudflare equal to the render of the final manifests.
using (var chaosTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(options.Smoke ? 4 : 12)))
{
    chaos.AddRange(await CfSync.Comparison.Benchmarks.Chaos.ChaosScenarios.RunAsync(options, chaosTimeout.Token));
}

string[] stackProcesses = ["localhost", "bridge", "emulator", "cluster"];
var processes = stackProcesses
    .Select(name => new ProcessPeak(name, MachineReadings.PeakBytes(options.ProcessId(name)) ?? 0))
    .Append(new ProcessPeak("harness (baseline controllers, load)", Process.GetCurrentProcess().PeakWorkingSet64))
    .ToList();
var results = new ComparisonResults(
    options.Started, options.Command, machine, race, budget, latency, series, chaos, scale, processes,
    (DateTimeOffset.UtcNow - options.Started).TotalSeconds);
var json = new JsonSerializerOptions { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };
await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "results.json"), JsonSerializer.Serialize(results, json));
Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F0} s; results: {Path.Combine(options.OutputDirectory, "results.json")}");
return 0;
